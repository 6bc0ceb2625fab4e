#!/usr/bin/env bash
# A private Dovecot on 127.0.0.1: its own config, state, log and passwd-file users under a
# project-local directory, never the system's /etc/dovecot.
#
#   scripts/dovecot.sh start|stop|restart|status
#
# Environment: DOVECOT_DIR (state directory, required), DOVECOT_PORT (default 10143),
# DOVECOT_USERS ("user:password user2:password2"; default demo:demo on first start, and the
# existing config is kept on a later start or restart when it is not set), DOVECOT_RAWLOG=1 keeps a raw log of every
# IMAP session under $DOVECOT_DIR/rawlog/<user>/ (the tests count what Wren fetched from it),
# DOVECOT_EXTRA_CONF (config text appended to the generated config, so it overrides it: e.g. a
# quota plugin, or imap_capability without MOVE for a server that lacks it), DOVECOT_LMTP=1
# also serves Postfix (scripts/postfix.sh): LMTP delivery on $DOVECOT_DIR/run/lmtp (needs the
# dovecot-lmtpd package) and Dovecot's auth service for SMTP AUTH on $DOVECOT_DIR/run/auth-postfix.
# DOVECOT_USER_FIELDS ("user=field=value ...") adds userdb extra fields to a user's passwd-file
# line, e.g. "quinn=userdb_quota_rule=*:storage=20K" (a quota of her own).
# Pigeonhole (vacation and filters; needs the dovecot-sieve and dovecot-managesieved packages):
# DOVECOT_SIEVE_PORT serves ManageSieve (RFC 5804) on that loopback port (unset or 0: off), with
# each user's scripts in ~/sieve and the active one linked at ~/.dovecot.sieve; with
# DOVECOT_LMTP=1, delivery runs the active script. DOVECOT_SUBMISSION_HOST (host:port, the
# stack's Postfix) is where vacation replies and redirects are sent (else Dovecot's
# sendmail_path, /usr/sbin/sendmail, the system's own).
# DOVECOT_PUSH_URL (with DOVECOT_LMTP=1): Wren's push hook, http://wren:<secret>@127.0.0.1:<port>/api/push/dovecot;
# each delivery to a user who turned notifications on is reported there (see the push block below).
# Shared folders (RFC 4314 ACL, RFC 2342 NAMESPACE): always on. A user shares a folder with
# SETACL; it then appears to the other user under shared/<owner>/. Public folders live under
# Public/ in $DOVECOT_DIR/public: DOVECOT_PUBLIC_SEED names a directory whose subdirectories
# become public folders the first time (readable by every user, `anyone lr`), with their .eml
# files as messages.
# TLS (the TLS tests): DOVECOT_TLS_DIR names a directory made by scripts/lib/test-ca.sh; its
# server.pem is served, with STARTTLS offered on DOVECOT_PORT, implicit TLS (IMAPS) on
# DOVECOT_IMAPS_PORT when set, and the bad certificates on DOVECOT_IMAPS_EXPIRED_PORT (expired.pem,
# on 127.0.0.2) and DOVECOT_IMAPS_OTHER_HOST_PORT (other-host.pem, on 127.0.0.3) when set.
set -euo pipefail

cmd="${1:-start}"
dir="${DOVECOT_DIR:?DOVECOT_DIR must name a state directory}"
port="${DOVECOT_PORT:-10143}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
conf="$dir/dovecot.conf"

if [ "$(id -u)" = 0 ]; then
  # Dovecot refuses to give mail access as root: the Debian package's 'mail' user owns the mail.
  mail_user=mail; mail_group=mail; login_user=dovenull; internal_user=dovecot
else
  # Rootless: every Dovecot process runs as the invoking user.
  mail_user="$(id -un)"; mail_group="$(id -gn)"; login_user="$mail_user"; internal_user="$mail_user"
fi
mail_uid="$(id -u "$mail_user")"

write_config() {
  local users="${DOVECOT_USERS:-demo:demo}"
  mkdir -p "$dir/run" "$dir/home" "$dir/rawlog"
  : > "$dir/users"
  for entry in $users; do
    u="${entry%%:*}"; p="${entry#*:}"
    mkdir -p "$dir/home/$u" "$dir/rawlog/$u"
    extra=""
    if [ "${DOVECOT_RAWLOG:-0}" = 1 ]; then extra="userdb_rawlog_dir=$dir/rawlog/$u"; fi
    read -ra fields <<<"${DOVECOT_USER_FIELDS:-}"  # no globbing: rules hold '*'
    for field in "${fields[@]}"; do
      if [ "${field%%=*}" = "$u" ]; then extra="$extra ${field#*=}"; fi
    done
    echo "$u:{PLAIN}$p:::::: $extra" >> "$dir/users"
  done
  mkdir -p "$dir/shared" "$dir/public"
  seed_public
  chown -R "$mail_user:$mail_group" "$dir/home" "$dir/rawlog" "$dir/shared" "$dir/public"
  chmod 0755 "$dir"
  local protocols=imap
  if [ "${DOVECOT_LMTP:-0}" = 1 ]; then protocols="imap lmtp"; fi
  local ssl=no tls_listeners="" tls_conf=""
  if [ -n "${DOVECOT_TLS_DIR:-}" ]; then
    local certs
    certs="$(cd "$DOVECOT_TLS_DIR" && pwd)"
    ssl=yes
    tls_conf="ssl_cert = <$certs/server.pem
ssl_key = <$certs/server.key
ssl_min_protocol = TLSv1.2"
    # Dovecot picks a certificate by the address a client connected to (local blocks): each bad
    # certificate gets a loopback address of its own.
    if [ -n "${DOVECOT_IMAPS_PORT:-}" ]; then
      tls_listeners="  inet_listener imaps {
    address = 127.0.0.1
    port = $DOVECOT_IMAPS_PORT
    ssl = yes
  }"
    else
      tls_listeners="  inet_listener imaps {
    port = 0
  }"
    fi
    local name addr file port_var
    for name in expired:127.0.0.2:DOVECOT_IMAPS_EXPIRED_PORT other-host:127.0.0.3:DOVECOT_IMAPS_OTHER_HOST_PORT; do
      IFS=: read -r file addr port_var <<<"$name"
      [ -n "${!port_var:-}" ] || continue
      tls_listeners="$tls_listeners
  inet_listener imaps_${file//-/_} {
    address = $addr
    port = ${!port_var}
    ssl = yes
  }"
      tls_conf="$tls_conf
local $addr {
  ssl_cert = <$certs/$file.pem
  ssl_key = <$certs/$file.key
}"
    done
  else
    tls_listeners="  inet_listener imaps {
    port = 0
  }"
  fi
  cat > "$conf" <<CONF
# Generated by scripts/dovecot.sh: edits are overwritten on the next start.
protocols = $protocols
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
auth_verbose = yes
ssl = $ssl
$tls_conf
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = $login_user
default_internal_user = $internal_user
first_valid_uid = $mail_uid
last_valid_uid = $mail_uid
mail_uid = $mail_user
mail_gid = $mail_group
mail_location = maildir:~/Maildir:LAYOUT=fs
# NOTIFY (RFC 5465: one connection hears of changes in several folders) needs the mailbox list
# index; Dovecot 2.3 announces NOTIFY only with it. Wren's live updates use it (server/imap/watch.ts).
mailbox_list_index = yes
# ACL (RFC 4314): rights per folder in a dovecot-acl file beside its mail (vfile); which users
# shared something with whom is kept in a dict, so LIST can show shared/<owner>/ folders.
mail_plugins = \$mail_plugins acl
# IMAP METADATA (RFC 5464): Wren keeps each user's settings in a private server entry
# (/private/vendor/wren/settings, server/imap/commands/metadata.ts). The attributes live in a
# file dict in the user's home.
mail_attribute_dict = file:%h/dovecot-attributes
protocol imap {
  imap_metadata = yes
}
plugin {
  acl = vfile
  acl_shared_dict = file:$dir/shared/shared-mailboxes.db
}
imap_logout_format = in=%i out=%o fetch_hdr_count=%{fetch_hdr_count} fetch_body_count=%{fetch_body_count} fetch_body_bytes=%{fetch_body_bytes}

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
  # uid and gid: a session looking up another user (shared folders) may then read the answer.
  default_fields = home=$dir/home/%u uid=$mail_user gid=$mail_group
}

# Special-use folders under names other than their roles, so clients must go by the role.
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox "Sent Messages" {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Archives {
    special_use = \\Archive
    auto = subscribe
  }
  mailbox Spam {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox "Deleted Items" {
    special_use = \\Trash
    auto = subscribe
  }
}

# Other users' folders they shared (SETACL) appear as shared/<owner>/<folder>; the \\Seen flags
# there are each reader's own (INDEXPVT). Listed only when there is something in it.
namespace shared {
  type = shared
  separator = /
  prefix = shared/%%u/
  location = maildir:%%h/Maildir:LAYOUT=fs:INDEXPVT=~/shared-index/%%u
  subscriptions = no
  list = children
}
# Public folders, owned by no user: rights come from each folder's dovecot-acl file.
namespace public {
  type = public
  separator = /
  prefix = Public/
  location = maildir:$dir/public:LAYOUT=fs:INDEXPVT=~/public-index
  subscriptions = no
  list = children
}

# Dovecot's high-performance mode (docs/DEPLOY.md, section 7): by default every connection
# starts a new imap-login process and, once logged in, a new imap process, 30 ms of a sign-in on
# the bench machine. Here login processes wait ready and serve many connections, and an imap
# process serves up to 100 sessions one after another (every user has the same UID).
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
$tls_listeners
  service_count = 0
  process_min_avail = 2
  vsz_limit = 1G
}
service imap {
  service_count = 100
  process_min_avail = 2
}
# Processes that serve many clients each keep a connection to auth: room for all of them.
service auth {
  client_limit = 8192
}
# No authentication penalty. By default Dovecot delays every login from an address that failed
# lately (2, 4, 8, then 15 s, successful logins included). Every client of these stacks is on
# loopback, so one wrong password (a test's, a demo user's) held up every other sign-in and new
# connection for up to 15 s. The 2 s delay of a failed login itself stays. A deployment keeps the
# penalty, per browser address (docs/DEPLOY.md, section 7).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
  if [ "${DOVECOT_LMTP:-0}" = 1 ]; then
    # Postfix's smtpd asks this socket whether a user's password is right; it runs as the
    # 'postfix' user, and only it may ask (LMTP's socket above is open to all already).
    local auth_owner="#"
    if id postfix >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then auth_owner="user = postfix"; fi
    # Postfix hands LMTP the full address, alice@example.com; the users file knows alice.
    cat >> "$conf" <<CONF
service auth {
  unix_listener auth-postfix {
    mode = 0600
    $auth_owner
  }
}
protocol lmtp {
  auth_username_format = %Ln
}
CONF
  fi
  if [ -n "${DOVECOT_EXTRA_CONF:-}" ]; then
    printf '\n# From DOVECOT_EXTRA_CONF.\n%s\n' "$DOVECOT_EXTRA_CONF" >> "$conf"
  fi
  # --- Push (Wren, issue #19): kept in a block of its own, after DOVECOT_EXTRA_CONF so that
  # $mail_plugins below already holds what it added (the test stack's quota). ---
  if [ "${DOVECOT_LMTP:-0}" = 1 ] && [ -n "${DOVECOT_PUSH_URL:-}" ]; then
    # Dovecot's push_notification plugin with its OX driver: on each LMTP delivery to INBOX
    # (MessageNew; an IMAP APPEND is MessageAppend, which this driver ignores) of a user whose
    # METADATA entry /private/vendor/vendor.dovecot/http-notify is set, it PUTs JSON to the URL
    # (Basic auth from the URL's user:password). Wren sets the entry to "user=<token>" when the
    # user's first device subscribes and clears it after the last; user_from_metadata makes
    # Dovecot send that token, which Wren derived from the username with its secret.
    cat >> "$conf" <<CONF
protocol lmtp {
  mail_plugins = \$mail_plugins notify push_notification
}
plugin {
  push_notification_driver = ox:url=$DOVECOT_PUSH_URL user_from_metadata
}
CONF
  fi
  # --- end of the push block ---
  # Last: a filter's mail_plugins is fixed where it is first set, so a global plugin added by
  # DOVECOT_EXTRA_CONF (quota) would not reach IMAP if this came before it.
  cat >> "$conf" <<'CONF'

# The ACL commands (MYRIGHTS, GETACL, SETACL, DELETEACL, LISTRIGHTS).
protocol imap {
  mail_plugins = $mail_plugins imap_acl
}
CONF
  write_sieve_config
}

# The public folders of DOVECOT_PUBLIC_SEED, made once: a Maildir per subdirectory, its .eml
# files as unread messages, and a dovecot-acl letting every user see and read it (`anyone lr`).
seed_public() {
  [ -n "${DOVECOT_PUBLIC_SEED:-}" ] || return 0
  local src name target i eml
  for src in "$DOVECOT_PUBLIC_SEED"/*/; do
    [ -d "$src" ] || continue
    name="$(basename "$src")"
    target="$dir/public/$name"
    [ -d "$target" ] && continue
    mkdir -p "$target/cur" "$target/new" "$target/tmp"
    i=0
    for eml in "$src"*.eml; do
      [ -f "$eml" ] || continue
      i=$((i + 1))
      cp "$eml" "$target/cur/$((1700000000 + i)).M${i}P0.wren-seed:2,"
    done
    printf 'anyone lr\n' > "$target/dovecot-acl"
  done
}

# Pigeonhole: ManageSieve and Sieve at delivery (DOVECOT_SIEVE_PORT). Last in the config: its
# 'protocol lmtp' adds to mail_plugins as the config above (and DOVECOT_EXTRA_CONF) left it.
write_sieve_config() {
  local sieve_port="${DOVECOT_SIEVE_PORT:-0}"
  [ "$sieve_port" != 0 ] || return 0
  sed -i "s/^protocols = .*/& sieve/" "$conf"
  cat >> "$conf" <<CONF

# Pigeonhole (scripts/dovecot.sh, DOVECOT_SIEVE_PORT): ManageSieve on 127.0.0.1:$sieve_port; each
# user's scripts in ~/sieve, the active one linked at ~/.dovecot.sieve (Wren writes one named 'wren').
service managesieve-login {
  inet_listener sieve {
    address = 127.0.0.1
    port = $sieve_port
  }
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
  # Vacation: Pigeonhole answers each sender at most once per :days (Wren's at least 1).
  sieve_vacation_min_period = 1d
}
CONF
  if [ "${DOVECOT_LMTP:-0}" = 1 ]; then
    cat >> "$conf" <<CONF
protocol lmtp {
  mail_plugins = \$mail_plugins sieve
}
CONF
  fi
  if [ -n "${DOVECOT_SUBMISSION_HOST:-}" ]; then
    # Vacation replies and redirects go out over SMTP to this server (the stack's Postfix).
    echo "submission_host = $DOVECOT_SUBMISSION_HOST" >> "$conf"
  fi
}

is_running() {
  [ -f "$dir/run/master.pid" ] && kill -0 "$(cat "$dir/run/master.pid")" 2>/dev/null
}

wait_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "dovecot did not open 127.0.0.1:$port; see $dir/dovecot.log" >&2
  tail -20 "$dir/dovecot.log" >&2 || true
  return 1
}

stop() {
  if is_running; then
    pid="$(cat "$dir/run/master.pid")"
    # Session processes outlive a stopped master and keep serving their clients; a real
    # server stop or crash drops them, so they are ended with it.
    children="$(pgrep -P "$pid" || true)"
    kill "$pid" $children 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

start() {
  if is_running; then return 0; fi
  # A restart keeps the existing config and users unless new users are given.
  if [ ! -f "$conf" ] || [ -n "${DOVECOT_USERS:-}" ]; then write_config; fi
  # Detached from our stdout: a pipe held open by the daemon would hang whoever reads it.
  /usr/sbin/dovecot -c "$conf" </dev/null >>"$dir/startup.log" 2>&1
  wait_port
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if is_running; then echo "dovecot running on 127.0.0.1:$port"; else echo "dovecot stopped"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
