#!/usr/bin/env bash
# npm run demo: installs what is missing, starts a private Dovecot with a seeded demo mailbox and
# a private Postfix to send through (demo@example.com; mail to other domains is dropped), builds
# and serves Wren on 127.0.0.1, and prints the URL and the login. Safe to run again.
#
# Environment: PORT (Wren, default 3000), DEMO_IMAP_PORT (Dovecot, default 10143),
# DEMO_SMTP_PORT (Postfix, default 10587), DEMO_SIEVE_PORT (ManageSieve, default 14190).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

PORT="${PORT:-3000}"
IMAP_PORT="${DEMO_IMAP_PORT:-10143}"
SMTP_PORT="${DEMO_SMTP_PORT:-10587}"
SIEVE_PORT="${DEMO_SIEVE_PORT:-14190}"
STATE="$ROOT/.wren/demo"
ENV_FILE="$STATE/wren.env"
URL="http://127.0.0.1:$PORT"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! ensure_debs dovecot-imapd dovecot-lmtpd dovecot-sieve dovecot-managesieved postfix; then
  say "then run 'npm run demo' again."
  exit 1
fi
ensure_node_modules

mkdir -p "$STATE"
if [ ! -f "$ENV_FILE" ]; then
  # A fresh secret per checkout, kept so that sign-ins survive a restart of the demo.
  secret="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')"
  cat > "$ENV_FILE" <<ENV
IMAP_HOST=127.0.0.1
IMAP_PORT=$IMAP_PORT
IMAP_TLS=none
SMTP_HOST=127.0.0.1
SMTP_PORT=$SMTP_PORT
SMTP_TLS=none
MAIL_DOMAIN=example.com
SESSION_SECRET=$secret
ENV
  chmod 600 "$ENV_FILE"
  say "wrote $ENV_FILE (a new SESSION_SECRET)"
fi
sed -i "s/^IMAP_PORT=.*/IMAP_PORT=$IMAP_PORT/" "$ENV_FILE"
# A wren.env from before Wren could send has no SMTP settings: they are added.
grep -q '^SMTP_HOST=' "$ENV_FILE" || printf 'SMTP_HOST=127.0.0.1\nSMTP_PORT=%s\nSMTP_TLS=none\nMAIL_DOMAIN=example.com\n' "$SMTP_PORT" >> "$ENV_FILE"
sed -i "s/^SMTP_PORT=.*/SMTP_PORT=$SMTP_PORT/" "$ENV_FILE"
# Vacation and filters: a wren.env from before them gets the ManageSieve port.
grep -q '^SIEVE_PORT=' "$ENV_FILE" || echo "SIEVE_PORT=$SIEVE_PORT" >> "$ENV_FILE"
sed -i "s/^SIEVE_PORT=.*/SIEVE_PORT=$SIEVE_PORT/" "$ENV_FILE"
# Push notifications (#19): a VAPID key pair and the secret of Dovecot's push hook, made once and
# kept, so a browser's subscription survives a restart of the demo.
if ! grep -q '^VAPID_PUBLIC_KEY=' "$ENV_FILE"; then
  { node scripts/lib/push-keys.mjs; echo 'VAPID_SUBJECT=mailto:postmaster@example.com'; } >> "$ENV_FILE"
  say "added push notification keys to $ENV_FILE"
fi
set -a
# shellcheck disable=SC1090
source "$ENV_FILE"
set +a
# Dovecot's push_notification plugin reports each delivery to Wren's hook on this port.
export DOVECOT_PUSH_URL="http://wren:$PUSH_DOVECOT_SECRET@127.0.0.1:$PORT/api/push/dovecot"
export DOVECOT_DIR="$STATE/dovecot" DOVECOT_PORT="$IMAP_PORT"
# Dovecot serves Postfix too (LMTP, auth), shares folders (ACL), and ManageSieve (vacation and
# filters: Pigeonhole, which sends replies and forwards through the demo's Postfix). One left
# running by an older demo without them, or on other ports, or calling another push hook (another PORT), is
# restarted with the new config (the mail stays).
if bash scripts/dovecot.sh status >/dev/null 2>&1 && { [ ! -S "$DOVECOT_DIR/run/auth-postfix" ] || ! grep -q "port = $SIEVE_PORT\$" "$DOVECOT_DIR/dovecot.conf" || ! grep -qF "ox:url=$DOVECOT_PUSH_URL " "$DOVECOT_DIR/dovecot.conf" || ! grep -q imap_acl "$DOVECOT_DIR/dovecot.conf"; }; then
  bash scripts/dovecot.sh stop
fi
if ! bash scripts/dovecot.sh status >/dev/null 2>&1; then
  if port_busy "$IMAP_PORT"; then
    say "port $IMAP_PORT is taken by another program: set DEMO_IMAP_PORT to a free port"
    exit 1
  fi
  if port_busy "$SIEVE_PORT"; then
    say "port $SIEVE_PORT is taken by another program: set DEMO_SIEVE_PORT to a free port"
    exit 1
  fi
  # team shares its Team folder with demo (Shared with me); Public/Announcements is read-only for all.
  DOVECOT_USERS="demo:demo team:team" DOVECOT_LMTP=1 DOVECOT_PUSH_URL="$DOVECOT_PUSH_URL" DOVECOT_SIEVE_PORT="$SIEVE_PORT" DOVECOT_SUBMISSION_HOST="127.0.0.1:$SMTP_PORT" \
    DOVECOT_PUBLIC_SEED="$ROOT/e2e/seed/public" bash scripts/dovecot.sh start
fi
say "Dovecot on 127.0.0.1:$IMAP_PORT, ManageSieve on 127.0.0.1:$SIEVE_PORT (state in .wren/demo)"
export POSTFIX_DIR="$STATE/postfix" POSTFIX_PORT="$SMTP_PORT" MAIL_DOMAIN=example.com
if ! bash scripts/postfix.sh status >/dev/null 2>&1; then
  if port_busy "$SMTP_PORT"; then
    say "port $SMTP_PORT is taken by another program: set DEMO_SMTP_PORT to a free port"
    exit 1
  fi
  bash scripts/postfix.sh start
fi
say "Postfix on 127.0.0.1:$SMTP_PORT: demo@example.com sends; mail to other domains is dropped"
node scripts/seed-demo.mjs --host 127.0.0.1 --port "$IMAP_PORT" --user demo --pass demo
node scripts/seed.mjs --host 127.0.0.1 --port "$IMAP_PORT" --user team --pass team --dir e2e/seed/team --if-empty >/dev/null
imap_commands team team "$IMAP_PORT" 'SETACL Team demo lrswipkte'

if port_busy "$PORT"; then
  say "something already listens on $URL (an earlier 'npm run demo'?)."
  say "open $URL and sign in as demo / demo, or stop it and run again (PORT=3001 npm run demo for another port)."
  exit 0
fi

say "building Wren (next build)"
npm run --silent build >"$STATE/build.log" 2>&1 || { tail -30 "$STATE/build.log"; exit 1; }

cat <<MSG

  Wren is starting at  $URL
  Sign in with         demo / demo
  (Ctrl+C stops Wren; Dovecot and Postfix keep running: POSTFIX_DIR=$POSTFIX_DIR bash scripts/postfix.sh stop;
   DOVECOT_DIR=$DOVECOT_DIR bash scripts/dovecot.sh stop)

MSG
exec npx next start -H 127.0.0.1 -p "$PORT"
