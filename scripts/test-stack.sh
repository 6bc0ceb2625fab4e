#!/usr/bin/env bash
# The test stack: a fresh private Dovecot on a free loopback port, seeded with the fixtures in
# e2e/seed/, and a 10,000-message folder; a private Postfix in front of it for sending (SMTP AUTH
# as the Dovecot users, delivery to <user>@example.com over LMTP, other domains dropped).
# Writes .wren/test/stack.env for the test runners.
#
#   scripts/test-stack.sh start|stop
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

# WREN_STACK_DIR lets several people (or agents) run their own stack side by side.
STATE="${WREN_STACK_DIR:-$ROOT/.wren/test}"
export DOVECOT_DIR="$STATE/dovecot"

# alice: integration tests; carol: browser tests (they change flags, so each has its own);
# dave: browser tests that move mail around (organize, folder management);
# counter: counts IMAP logins; bulk: the 10,000-message folder; bob: receives what the send
# tests send (not seeded: his INBOX holds only what was sent to him); erin: the browser tests
# of live updates (not seeded: each test brings its own messages); tabs: the integration tests
# of live updates in several tabs (not seeded).
# Browser specs that run side by side each have a user of their own (playwright.config.ts):
# cleo, pia, sam, sal, sec, fay, otto, tia (phone gestures) and lena (tablet) hold the same seed
# mail as carol; cori is empty like erin.
USERS="alice:secret carol:secret dave:secret counter:secret bulk:secret bob:secret erin:secret tabs:secret"
USERS="$USERS cleo:secret pia:secret sam:secret sal:secret sec:secret fay:secret otto:secret cori:secret"
USERS="$USERS tia:secret lena:secret"
# sela (select all results: hundreds of its own messages), kit (shortcuts), rex (reconnect) and
# finn (forward) bring their own messages, like erin.
USERS="$USERS sela:secret kit:secret rex:secret finn:secret"
# gecko and webkit: the engine journey (e2e/engines/), one user per engine so Firefox and WebKit
# can run side by side; seeded like carol, plus e2e/seed/engines/ (an HTML message in Newsletters).
USERS="$USERS gecko:secret webkit:secret"
# lina: the URL spec (urls.spec.ts), carol's seed mail; nojs: the sign-in form without
# JavaScript (sign-in-form.spec.ts, not seeded).
USERS="$USERS lina:secret nojs:secret"
# tlsmail: sends to itself through Postfix's TLS ports (e2e/api/tls-send.test.ts; not seeded).
USERS="$USERS tlsmail:secret"
# ocean and ocho: the open-message cache (e2e/api/message-cache.test.ts): ocean opens, ocho is
# another user who must never get her entries. Not seeded: the test appends its own mail.
USERS="$USERS ocean:secret ocho:secret"
# sage: the search lane readied before the first search (e2e/api/search-prepare.test.ts; not seeded);
# surl: the same readied by a search URL's page load (e2e/browser/search-url.spec.ts; not seeded).
USERS="$USERS sage:secret surl:secret"
# scout: the first open and first search of a session (e2e/api/first-requests.test.ts; not seeded).
USERS="$USERS scout:secret"
# rory and remy: the restart spec (restart.spec.ts: a browser, and a client of its own), not seeded.
USERS="$USERS rory:secret remy:secret"
# shard: uploads and search result sets shared by several processes (e2e/api/shared-state.test.ts);
# nell: the load-balancer spec (balanced.spec.ts: nginx in front of two processes). Not seeded.
USERS="$USERS shard:secret nell:secret"
# quinn: the quota integration tests (e2e/api/quota.test.ts) fill her tiny quota; quill: the quota
# bar browser spec (quota.spec.ts). Not seeded. Every other user has a quota too large to reach.
USERS="$USERS quinn:secret quill:secret"
# Vacation and filters (Pigeonhole, ManageSieve): vera receives and has a vacation reply, vince
# writes to her and gets the reply (e2e/api/sieve-vacation.test.ts); rula has rules and blocks
# a sender (e2e/api/sieve-rules.test.ts); sven: the ManageSieve client's own commands
# (e2e/api/sieve-client.test.ts); vale and vick: the browser spec (sieve.spec.ts: vale sets
# the vacation and a rule in the UI, vick writes to her). Not seeded.
USERS="$USERS vera:secret vince:secret rula:secret sven:secret vale:secret vick:secret"
# wing: the installable-app spec (pwa.spec.ts: manifest, service worker, offline shell, mailto:);
# wrenup: the new-version spec (pwa-update.spec.ts: two Wren processes of its own). Not seeded.
USERS="$USERS wing:secret wrenup:secret"
# Identities and settings that follow the user: ivy sends as her identities in the integration
# tests (e2e/api/identities.test.ts), iris in the browser spec (identities.spec.ts), pref the
# preferences spec (settings-follow.spec.ts); rita receives what they send. None seeded. Postfix
# lets ivy send as support@example.com and iris as sales@example.com besides their own address
# (POSTFIX_SENDER_ALIASES): any other From is refused, as a real submission server does.
USERS="$USERS ivy:secret iris:secret pref:secret rita:secret"
# Languages (e2e/browser/i18n.spec.ts): luis reads in German (Accept-Language, then his setting),
# lior right to left, lars gets a German server error and a German quote line. Seeded like carol.
USERS="$USERS luis:secret lior:secret lars:secret"
# lux: the integration test of translated server errors (e2e/api/i18n.test.ts; not seeded).
USERS="$USERS lux:secret"
SENDER_ALIASES="support@example.com=ivy sales@example.com=iris"
# pip: push through Dovecot's hook (e2e/api/push.test.ts); iggy: push from Wren's own IDLE watch
# (e2e/api/push-idle.test.ts); nora: the Notifications settings spec (notifications.spec.ts). Not seeded.
USERS="$USERS pip:secret iggy:secret nora:secret"
# Shared folders (ACL, RFC 4314): ana shares her seeded Team folder with ben (see, mark read,
# star: no delete) and shares Projects with cyd from the UI (e2e/browser/shared.spec.ts); ida
# and jon are the integration tests' owner and reader (e2e/api/shared-folders.test.ts, which sets
# its own shares). Every user sees the public folder Public/Announcements (e2e/seed/public/,
# read-only for all).
USERS="$USERS ana:secret ben:secret cyd:secret ida:secret jon:secret"
# Offline reading (e2e/browser/offline.spec.ts): oona reads offline and signs out, otis signs in
# after her in the same browser; offline actions (offline-actions.spec.ts): opal stars, moves and
# sends (to otis) while offline; odile keeps an attachment offline. Not seeded.
USERS="$USERS oona:secret otis:secret opal:secret odile:secret"
# Accessibility (e2e/browser/a11y.spec.ts, keyboard.spec.ts): axel is checked with axe on every
# screen, axa goes through the keyboard-only journeys (archives, moves, sends). Seeded like carol.
USERS="$USERS axel:secret axa:secret"
# Phones and first paint (e2e/browser/first-paint.spec.ts, #22): lhasa loads /mail and checks its
# server HTML, console and favicon; looks only. Seeded like carol.
USERS="$USERS lhasa:secret"
# Dark mode (e2e/browser/dark.spec.ts): dusk reads, writes and checks every screen in the dark
# (seeded like carol, plus the HTML mails the spec appends); dawn switches the theme in Settings
# (not seeded).
USERS="$USERS dusk:secret dawn:secret"
# Conversations (#21): thea's integration tests (e2e/api/conversations.test.ts) and theo's browser
# spec (conversations.spec.ts) append their own threads to INBOX, Sent and Archive. Not seeded.
USERS="$USERS thea:secret theo:secret"
# Sorting, unsubscribe, print and source (issue 21): sonja the sort integration tests
# (e2e/api/sort.test.ts), sorin the sort browser spec (sort.spec.ts), una the unsubscribe
# integration tests (e2e/api/unsubscribe.test.ts), prue the message tools spec
# (message-tools.spec.ts: unsubscribe, print, source). Not seeded: each brings its own mail.
USERS="$USERS sonja:secret sorin:secret una:secret prue:secret"
# Snooze, send later and undo send (server/scheduler/): snow in the integration tests
# (e2e/api/scheduler.test.ts), scheme in the process spec (scheduler-processes.spec.ts: kill -9,
# a restart, two processes on one Redis), schnee in the browser spec (scheduler.spec.ts); snip
# receives what they send. Not seeded.
USERS="$USERS snow:secret snip:secret scheme:secret schnee:secret"
# hxa: a dropped download must not hold the session's mailbox lock (e2e/api/dropped-download.test.ts;
# not seeded: the test appends its own message with an image).
USERS="$USERS hxa:secret"
# Messages fetched ahead of opening (#22): pfau in the prefetch browser spec (prefetch.spec.ts).
# Not seeded: each run appends its own messages.
USERS="$USERS pfau:secret"
# axwin: attachment streams (e2e/api/attachment-stream.test.ts: a fast, a stopping and a
# cancelling reader of his own large attachments). Not seeded.
USERS="$USERS axwin:secret"
QUOTA_USER_FIELDS="quinn=userdb_quota_rule=*:storage=20K quill=userdb_quota_rule=*:storage=100K"
# The quota plugin (RFC 9208 QUOTA, GETQUOTAROOT) on the main Dovecot: the count backend, every
# user 1 GB unless their passwd-file line overrides quota_rule.
MAIN_QUOTA_CONF='mail_plugins = $mail_plugins quota
protocol imap {
  mail_plugins = $mail_plugins imap_quota
}
plugin {
  quota = count:User quota
  quota_rule = *:storage=1G
  quota_vsizes = yes
}'
export MAIL_DOMAIN=example.com POSTFIX_DIR="$STATE/postfix"

# Three more Dovecots for the organize suite (e2e/api/move*.test.ts): MOVE has MOVE; NOMOVE
# lacks it (Wren copies, then expunges exactly the copied UIDs) and has no \Archive folder
# (nor PREVIEW: e2e/api/preview-absent.test.ts lists its mail without previews; nor METADATA:
# e2e/api/settings-fallback.test.ts keeps the settings in Wren's store; nor THREAD:
# e2e/api/conversations-no-thread.test.ts groups by References / In-Reply-To; nor SORT:
# e2e/api/sort-absent.test.ts offers arrival order only);
# NOUIDPLUS lacks MOVE and UIDPLUS (no UID EXPUNGE: originals stay flagged \Deleted). Each
# has user mover (1,000 messages in Bulk) and a folder Limited/Full in a namespace whose own
# quota is full: Dovecot checks no quota on a MOVE within one quota root, only across roots.
ORGANIZE_SERVERS="MOVE NOMOVE NOUIDPLUS"
ORGANIZE_CONF='mail_plugins = $mail_plugins quota
plugin {
  quota = count:Limited:ns=Limited/
  quota_rule = *:storage=1B
  quota_vsizes = yes
}
namespace limited {
  prefix = Limited/
  separator = /
  location = maildir:~/Limited:LAYOUT=fs
  list = children
  subscriptions = no
  mailbox Full {
    auto = subscribe
  }
}'
NO_ARCHIVE_CONF='namespace inbox {
  mailbox Archives {
    special_use =
    auto = no
  }
}'

# The post-login CAPABILITY list of the Dovecot on port $1 (as user $2, default mover), read
# with bash's /dev/tcp.
capabilities() {
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'a LOGIN %s secret\r\nb LOGOUT\r\n' "${2:-mover}" >&3
  tr -d '\r' <&3 | sed -n 's/^a OK \[CAPABILITY \(.*\)\] Logged in.*/\1/p'
  exec 3<&-
}

# imap_capability: the list $1 without the capabilities named after it. The same Dovecot
# binary stands in for servers that lack them (it still runs the commands if sent).
capabilities_without() {
  local caps=" $1 " cap
  shift
  for cap in "$@"; do caps="${caps// $cap / }"; done
  echo "imap_capability =$caps"
}

# Starts organize server $1 with extra config $2 and records it in stack.env.
start_organize_server() {
  local name="$1" dir="$STATE/dovecot-${1,,}" port
  port="$(free_port)"
  DOVECOT_DIR="$dir" DOVECOT_PORT="$port" DOVECOT_USERS="mover:secret" DOVECOT_RAWLOG=1 \
    DOVECOT_EXTRA_CONF="$ORGANIZE_CONF
$2" bash "$ROOT/scripts/dovecot.sh" start
  node "$ROOT/scripts/seed.mjs" --host 127.0.0.1 --port "$port" --user mover --pass secret --generate 1000 --folder Bulk >/dev/null
  printf '%s_SERVER_PORT=%s\n%s_SERVER_DIR=%s\n' "$name" "$port" "$name" "$dir" >> "$STATE/stack.env"
}

start_organize() {
  local caps
  start_organize_server MOVE ''
  caps="$(capabilities "$(sed -n 's/^MOVE_SERVER_PORT=//p' "$STATE/stack.env")")"
  if [ -z "$caps" ]; then echo "could not read the capabilities of the MOVE organize server" >&2; exit 1; fi
  start_organize_server NOMOVE "$NO_ARCHIVE_CONF
$(capabilities_without "$caps" MOVE PREVIEW PREVIEW=FUZZY SNIPPET=FUZZY METADATA METADATA-SERVER THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT SORT SORT=DISPLAY)"
  start_organize_server NOUIDPLUS "$(capabilities_without "$caps" MOVE UIDPLUS)"
}

# One more for the live updates without NOTIFY (e2e/api/live-tabs-fallback.test.ts): Dovecot 2.3
# announces NOTIFY only with the mailbox list index, so it runs without one. User tabs.
start_nonotify() {
  local dir="$STATE/dovecot-nonotify" port
  port="$(free_port)"
  DOVECOT_DIR="$dir" DOVECOT_PORT="$port" DOVECOT_USERS="tabs:secret" DOVECOT_RAWLOG=1 \
    DOVECOT_EXTRA_CONF="mailbox_list_index = no" bash "$ROOT/scripts/dovecot.sh" start
  local caps
  caps="$(capabilities "$port" tabs)"
  if [ -z "$caps" ] || grep -qw NOTIFY <<<"$caps"; then echo "the NONOTIFY server must announce capabilities, NOTIFY not among them: '$caps'" >&2; exit 1; fi
  printf 'NONOTIFY_SERVER_PORT=%s\nNONOTIFY_SERVER_DIR=%s\n' "$port" "$dir" >> "$STATE/stack.env"
}

stop_nonotify() {
  local port
  port="$(sed -n "s/^NONOTIFY_SERVER_PORT=//p" "$STATE/stack.env")"
  if [ -n "$port" ]; then DOVECOT_DIR="$STATE/dovecot-nonotify" DOVECOT_PORT="$port" bash "$ROOT/scripts/dovecot.sh" stop || true; fi
}

# The TLS tests (e2e/api/tls*.test.ts, e2e/api/doctor.test.ts): a private CA made now by openssl
# (scripts/lib/test-ca.sh), a Dovecot of its own serving its certificates (STARTTLS on
# TLS_IMAP_PORT, implicit TLS on TLS_IMAPS_PORT, an expired certificate on 127.0.0.2 and one for
# another host on 127.0.0.3), users tls and tlsmail (the doctor's test logs in to both this
# Dovecot and Postfix, which asks the main Dovecot, as tlsmail). The main Dovecot stays plain text: fast, and it stands
# in for a server that offers no STARTTLS. Postfix gets TLS ports beside its plain one.
TLS_DIR="$STATE/tls"
start_tls_dovecot() {
  local dir="$STATE/dovecot-tls" plain imaps expired other sieve
  plain="$(free_port)"; imaps="$(free_port)"; expired="$(free_port)"; other="$(free_port)"; sieve="$(free_port)"
  # ManageSieve here offers STARTTLS (e2e/api/sieve-client.test.ts: Wren upgrades, trusting IMAP_CA).
  DOVECOT_DIR="$dir" DOVECOT_PORT="$plain" DOVECOT_USERS="tls:secret tlsmail:secret" DOVECOT_TLS_DIR="$TLS_DIR" \
    DOVECOT_IMAPS_PORT="$imaps" DOVECOT_IMAPS_EXPIRED_PORT="$expired" DOVECOT_IMAPS_OTHER_HOST_PORT="$other" \
    DOVECOT_SIEVE_PORT="$sieve" bash "$ROOT/scripts/dovecot.sh" start
  printf 'TLS_CA=%s\nTLS_DOVECOT_DIR=%s\nTLS_IMAP_PORT=%s\nTLS_IMAPS_PORT=%s\nTLS_IMAPS_EXPIRED_PORT=%s\nTLS_IMAPS_OTHER_HOST_PORT=%s\nTLS_SIEVE_PORT=%s\n' \
    "$TLS_DIR/ca.pem" "$dir" "$plain" "$imaps" "$expired" "$other" "$sieve" >> "$STATE/stack.env"
}

stop_tls_dovecot() {
  local port
  port="$(sed -n "s/^TLS_IMAP_PORT=//p" "$STATE/stack.env")"
  if [ -n "$port" ]; then DOVECOT_DIR="$STATE/dovecot-tls" DOVECOT_PORT="$port" bash "$ROOT/scripts/dovecot.sh" stop || true; fi
}

stop_organize() {
  local name port
  for name in $ORGANIZE_SERVERS; do
    port="$(sed -n "s/^${name}_SERVER_PORT=//p" "$STATE/stack.env")"
    if [ -n "$port" ]; then DOVECOT_DIR="$STATE/dovecot-${name,,}" DOVECOT_PORT="$port" bash "$ROOT/scripts/dovecot.sh" stop || true; fi
  done
}

stop_postfix() {
  bash "$ROOT/scripts/postfix.sh" stop || true
}

stop_redis() {
  if [ -f "$STATE/redis/redis.pid" ]; then kill "$(cat "$STATE/redis/redis.pid")" 2>/dev/null || true; fi
}

case "${1:-start}" in
  start)
    if [ -f "$STATE/stack.env" ]; then
      stop_postfix
      # shellcheck disable=SC1091
      DOVECOT_PORT="$(sed -n 's/^IMAP_PORT=//p' "$STATE/stack.env")" bash "$ROOT/scripts/dovecot.sh" stop || true
      stop_redis
      stop_organize
      stop_nonotify
      stop_tls_dovecot
    fi
    rm -rf "$STATE"
    mkdir -p "$STATE"
    bash "$ROOT/scripts/lib/test-ca.sh" "$TLS_DIR"
    port="$(free_port)"
    # Push (e2e/api/push*.test.ts): a VAPID key pair and the hook's secret, made now; Dovecot
    # reports deliveries to PUSH_HOOK_PORT, where those tests serve Wren's hook in-process.
    push_settings="$(node "$ROOT/scripts/lib/push-keys.mjs")"
    push_hook_port="$(free_port)"
    push_secret="$(sed -n 's/^PUSH_DOVECOT_SECRET=//p' <<<"$push_settings")"
    # Postfix's port is chosen now: Pigeonhole sends vacation replies and redirects through it.
    smtp_port="$(free_port)" sieve_port="$(free_port)"
    # Every IMAP session is raw-logged so tests can count what Wren really fetched. LMTP and
    # the auth socket are for Postfix. ManageSieve (Pigeonhole) on its own port.
    DOVECOT_PUSH_URL="http://wren:$push_secret@127.0.0.1:$push_hook_port/api/push/dovecot" \
    DOVECOT_PORT="$port" DOVECOT_USERS="$USERS" DOVECOT_RAWLOG=1 DOVECOT_LMTP=1 \
      DOVECOT_SIEVE_PORT="$sieve_port" DOVECOT_SUBMISSION_HOST="127.0.0.1:$smtp_port" DOVECOT_PUBLIC_SEED="$ROOT/e2e/seed/public" \
      DOVECOT_USER_FIELDS="$QUOTA_USER_FIELDS" DOVECOT_EXTRA_CONF="$MAIN_QUOTA_CONF" bash "$ROOT/scripts/dovecot.sh" start
    seed() { node "$ROOT/scripts/seed.mjs" --host 127.0.0.1 --port "$port" --pass secret "$@" >/dev/null; }
    seed --user alice --dir "$ROOT/e2e/seed/mail"
    for user in carol dave cleo pia sam sal sec fay otto tia lena gecko webkit axel axa luis lior lars dusk lhasa; do seed --user "$user" --dir "$ROOT/e2e/seed/mail"; done
    for user in gecko webkit; do seed --user "$user" --dir "$ROOT/e2e/seed/engines"; done
    seed --user counter --dir "$ROOT/e2e/seed/mail"
    seed --user lina --dir "$ROOT/e2e/seed/mail"
    seed --user bulk --generate 10000 --folder Big
    for user in ana ida; do seed --user "$user" --dir "$ROOT/e2e/seed/team"; done
    imap_commands ana secret "$port" 'SETACL Team ben lrsw'
    smtp_starttls_port="$(free_port)" smtps_port="$(free_port)" smtps_expired_port="$(free_port)"
    POSTFIX_PORT="$smtp_port" POSTFIX_TLS_DIR="$TLS_DIR" POSTFIX_STARTTLS_PORT="$smtp_starttls_port" POSTFIX_SENDER_ALIASES="$SENDER_ALIASES" \
      POSTFIX_SMTPS_PORT="$smtps_port" POSTFIX_SMTPS_EXPIRED_PORT="$smtps_expired_port" bash "$ROOT/scripts/postfix.sh" start
    # Redis for the session-store tests (the integration suite runs with REDIS_URL set).
    redis_port="$(free_port)"
    mkdir -p "$STATE/redis"
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
      --dir "$STATE/redis" --pidfile "$STATE/redis/redis.pid" --logfile "$STATE/redis/redis.log"
    cat > "$STATE/stack.env" <<ENV
IMAP_HOST=127.0.0.1
IMAP_PORT=$port
IMAP_TLS=none
SESSION_SECRET=test-only-secret-0123456789abcdef0123456789
DOVECOT_DIR=$DOVECOT_DIR
DOVECOT_PORT=$port
WREN_TEST_REDIS_URL=redis://127.0.0.1:$redis_port
SMTP_HOST=127.0.0.1
SMTP_PORT=$smtp_port
SMTP_TLS=none
SIEVE_PORT=$sieve_port
MAIL_DOMAIN=$MAIL_DOMAIN
POSTFIX_DIR=$POSTFIX_DIR
POSTFIX_PORT=$smtp_port
TLS_SMTP_STARTTLS_PORT=$smtp_starttls_port
TLS_SMTPS_PORT=$smtps_port
TLS_SMTPS_EXPIRED_PORT=$smtps_expired_port
$push_settings
VAPID_SUBJECT=mailto:postmaster@example.com
PUSH_HOOK_PORT=$push_hook_port
ENV
    start_organize
    start_nonotify
    start_tls_dovecot
    say "test Dovecot on 127.0.0.1:$port (ManageSieve $sieve_port), Postfix on 127.0.0.1:$smtp_port (state in $STATE)"
    ;;
  stop)
    if [ -f "$STATE/stack.env" ]; then
      stop_postfix
      DOVECOT_PORT="$(sed -n 's/^IMAP_PORT=//p' "$STATE/stack.env")" bash "$ROOT/scripts/dovecot.sh" stop
    fi
    stop_redis
    if [ -f "$STATE/stack.env" ]; then stop_organize; stop_nonotify; stop_tls_dovecot; fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
