#!/usr/bin/env bash
# The test stack: a fresh private Dovecot on a free loopback port, seeded with the fixtures in
# e2e/seed/, and a 10,000-message folder. Writes .wren/test/stack.env for the test runners.
#
#   scripts/test-stack.sh start|stop
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

# WREN_STACK_DIR lets several people (or agents) run their own stack side by side.
STATE="${WREN_STACK_DIR:-$ROOT/.wren/test}"
export DOVECOT_DIR="$STATE/dovecot"

# alice: integration tests; carol: browser tests (they change flags, so each has its own);
# counter: counts IMAP logins; bulk: the 10,000-message folder.
USERS="alice:secret carol:secret counter:secret bulk:secret"

stop_redis() {
  if [ -f "$STATE/redis/redis.pid" ]; then kill "$(cat "$STATE/redis/redis.pid")" 2>/dev/null || true; fi
}

case "${1:-start}" in
  start)
    if [ -f "$STATE/stack.env" ]; then
      # shellcheck disable=SC1091
      DOVECOT_PORT="$(sed -n 's/^IMAP_PORT=//p' "$STATE/stack.env")" bash "$ROOT/scripts/dovecot.sh" stop || true
      stop_redis
    fi
    rm -rf "$STATE"
    mkdir -p "$STATE"
    port="$(free_port)"
    # Every IMAP session is raw-logged so tests can count what Wren really fetched.
    DOVECOT_PORT="$port" DOVECOT_USERS="$USERS" DOVECOT_RAWLOG=1 bash "$ROOT/scripts/dovecot.sh" start
    seed() { node "$ROOT/scripts/seed.mjs" --host 127.0.0.1 --port "$port" --pass secret "$@" >/dev/null; }
    seed --user alice --dir "$ROOT/e2e/seed/mail"
    seed --user carol --dir "$ROOT/e2e/seed/mail"
    seed --user counter --dir "$ROOT/e2e/seed/mail"
    seed --user bulk --generate 10000 --folder Big
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
ENV
    say "test Dovecot on 127.0.0.1:$port (state in $STATE)"
    ;;
  stop)
    if [ -f "$STATE/stack.env" ]; then
      DOVECOT_PORT="$(sed -n 's/^IMAP_PORT=//p' "$STATE/stack.env")" bash "$ROOT/scripts/dovecot.sh" stop
    fi
    stop_redis
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
