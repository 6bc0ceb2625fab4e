#!/usr/bin/env bash
# npm run bench: Wren's production build against the raw IMAP floor, on a private Dovecot with
# generated mailboxes of 1,000 and 10,000 messages (and 100,000 with --large). Prints one table
# and writes bench-results/<timestamp>.json. See docs/PERFORMANCE.md.
#
#   npm run bench [-- --large | --smoke] [--no-build] [--only load|browser|open|attach]
#
# --smoke: the 1,000-message mailbox only, few repetitions, no timing judged (CI runs it).
# --only load|browser: only that part (scripts/bench/<part>.mjs), without the floor comparison.
# --only open: only the message opens (first in a session, re-open), with the floor's.
# --only attach: only the 25 MB attachment (floors, Wren; 10,000-message mailbox).
# Environment: WREN_BENCH_DIR (state, default .wren/bench), WREN_BENCH_RESULTS (JSON directory).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

mode=full build=auto only=""
usage="usage: npm run bench [-- --large | --smoke] [--no-build] [--only load|browser|open|attach]"
while [ $# -gt 0 ]; do
  case "$1" in
    --large) mode=large ;;
    --smoke) mode=smoke ;;
    --no-build) build=no ;;
    --only) only="${2:-}"; shift
      case "$only" in load|browser|open|attach) ;; *) echo "$usage" >&2; exit 2 ;; esac ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done

ensure_debs dovecot-imapd chromium
ensure_node_modules

# Rebuilt only when a source file is newer than the last build.
if [ "$build" = auto ]; then
  if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib server next.config.* package-lock.json -newer .next/BUILD_ID -type f 2>/dev/null | head -1)" ]; then
    say "building Wren (next build)"
    npm run --silent build >/dev/null
  fi
elif [ ! -f .next/BUILD_ID ]; then
  echo "--no-build, but there is no build in .next: run 'npm run build' first" >&2
  exit 1
fi

STATE="${WREN_BENCH_DIR:-$ROOT/.wren/bench}"
export DOVECOT_DIR="$STATE/dovecot"
# Settings the test stack may have exported are not the bench's.
unset DOVECOT_RAWLOG DOVECOT_LMTP
wren_pid=""

cleanup() {
  if [ -n "$wren_pid" ]; then kill -- "-$wren_pid" 2>/dev/null || true; fi
  bash "$ROOT/scripts/dovecot.sh" stop 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fresh Dovecot and mailboxes every run: the bench moves and flags mail.
bash "$ROOT/scripts/dovecot.sh" stop 2>/dev/null || true
rm -rf "$STATE"
mkdir -p "$STATE"

# The user "bench" holds the generated mailboxes; load001..load200 are the many users of the
# load part (scripts/bench/users.mjs), each with a 50-message Inbox. Dovecot's process limit (100)
# is raised for their 200 x up to 4 IMAP connections, and its per-user-and-IP cap (10) for the
# bench user, whose sign-in timings and browser runs open sessions one after another.
load_users=200
if [ "$mode" = smoke ]; then load_users=10; fi
imap_port="$(free_port)"
DOVECOT_PORT="$imap_port" DOVECOT_USERS="bench:bench $(node scripts/bench/users.mjs dovecot-users "$load_users")" DOVECOT_EXTRA_CONF='default_process_limit = 1000
default_client_limit = 5000
protocol imap {
  mail_max_userip_connections = 1000
}' bash "$ROOT/scripts/dovecot.sh" start

sizes=1000,10000 big_in=10000
if [ "$mode" = large ]; then sizes=1000,10000,100000; fi
# The smoke run has no 10,000-message mailbox: the 25 MB message goes in the small one.
if [ "$mode" = smoke ]; then sizes=1000 big_in=1000; fi
say "writing mailboxes ($sizes messages) into Maildir"
maildir="$DOVECOT_DIR/home/bench/Maildir"
node scripts/bench/generate.mjs --maildir "$maildir" --sizes "$sizes" --big-in "$big_in" --manifest "$STATE/manifest.json"
node scripts/bench/users.mjs seed --home "$DOVECOT_DIR/home" "$load_users"
if [ "$(id -u)" = 0 ]; then chown -R mail:mail "$DOVECOT_DIR/home"; fi

# Wren's production server on its own loopback port; its own process group, so it stops whole.
wren_port="$(free_port)"
# The inspector (loopback only) lets the bench force a GC before reading what idle sessions keep.
inspect_port="$(free_port)"
say "starting Wren (next start) on 127.0.0.1:$wren_port"
# Every other setting is Wren's default (IMAP_MAX_CONNECTIONS_PER_USER 4, no Redis).
IMAP_HOST=127.0.0.1 IMAP_PORT="$imap_port" IMAP_TLS=none \
SESSION_SECRET="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')" \
  setsid node --inspect=127.0.0.1:"$inspect_port" node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$wren_port" >"$STATE/wren.log" 2>&1 &
wren_pid=$!
for _ in $(seq 1 300); do
  if curl -s -o /dev/null "http://127.0.0.1:$wren_port/api/session"; then break; fi
  if ! kill -0 "$wren_pid" 2>/dev/null; then echo "Wren did not start; see $STATE/wren.log" >&2; tail -20 "$STATE/wren.log" >&2; exit 1; fi
  sleep 0.2
done

run_args=(--wren-url "http://127.0.0.1:$wren_port" --imap-port "$imap_port" --user bench --pass bench
  --inspect-port "$inspect_port" --manifest "$STATE/manifest.json" --out "${WREN_BENCH_RESULTS:-$ROOT/bench-results}" --state "$STATE")
if [ "$mode" = smoke ]; then run_args+=(--smoke); fi
if [ -n "$only" ]; then run_args+=(--only "$only"); fi
run_args+=(--load-users "$load_users")
node --experimental-websocket --no-warnings=ExperimentalWarning scripts/bench/run.mjs "${run_args[@]}"
