#!/usr/bin/env bash
# npm test: installs what is missing, starts the test stack, runs typecheck, lint, unit,
# integration and end-to-end tests, and ends with one line "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

# firefox-esr, webkit2gtk-driver (WebKitWebDriver) and xvfb (with xauth, for xvfb-run): the
# engine journey in Gecko and WebKit (e2e/engines/). dovecot-sieve and dovecot-managesieved:
# Pigeonhole, for vacation and filters (ManageSieve, e2e/api/sieve*.test.ts).
ensure_debs dovecot-imapd dovecot-lmtpd dovecot-sieve dovecot-managesieved postfix chromium redis-server firefox-esr webkit2gtk-driver xvfb xauth openssl nginx || exit 1
ensure_node_modules || exit 1

OUT="$ROOT/.wren/test-results"
rm -rf "$OUT"
mkdir -p "$OUT"
: > "$OUT/checks.txt"

bash scripts/test-stack.sh start || { echo "0 passed, 1 failed"; exit 1; }
trap 'bash scripts/test-stack.sh stop' EXIT
set -a
# shellcheck disable=SC1091
source "${WREN_STACK_DIR:-$ROOT/.wren/test}/stack.env"
set +a

check() {
  local name="$1"; shift
  say "$name"
  if "$@"; then echo "pass $name" >> "$OUT/checks.txt"; else echo "fail $name" >> "$OUT/checks.txt"; fi
}

check messages node scripts/check-messages.mjs
check typecheck npm run --silent typecheck
check lint npx eslint --max-warnings=0 .

say "unit tests"
npx vitest run --config vitest.config.mts --reporter=default --reporter=json --outputFile.json="$OUT/unit.json"

# The production build runs beside the integration tests, which mostly wait on Dovecot: on two
# cores that saves most of the build's minute and a half. Its output goes to a file, printed after.
say "build (npm run build), in the background beside the integration tests"
npm run --silent build > "$OUT/build.log" 2>&1 &
build_pid=$!

say "integration tests (route handlers against Dovecot on 127.0.0.1:$IMAP_PORT)"
npx vitest run --config vitest.integration.config.mts --reporter=default --reporter=json --outputFile.json="$OUT/integration.json"

say "waiting for the build"
if wait "$build_pid"; then echo "pass build" >> "$OUT/checks.txt"; else echo "fail build" >> "$OUT/checks.txt"; fi
tail -n 40 "$OUT/build.log"
if grep -q '^pass build' "$OUT/checks.txt"; then
  # Two invocations: the specs that stop the shared Dovecot or start Wren processes of their own
  # (the serial project) run alone after the rest, and run even when a spec before them failed.
  say "end-to-end tests (Playwright, Debian Chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/e2e.json" npx playwright test --project setup --project chromium --project phone --project tablet --reporter=list,json
  say "end-to-end tests that run alone (Playwright, serial project)"
  WREN_E2E_SERIAL_ALONE=1 PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/e2e-serial.json" npx playwright test --project setup --project serial --reporter=list,json
  say "engine journey (Firefox over WebDriver BiDi, WebKitGTK over WebDriver, on the same build)"
  npx vitest run --config vitest.engines.config.mts --reporter=default --reporter=json --outputFile.json="$OUT/engines.json"
  # The bench in smoke mode, so it never rots: its own Dovecot, ports and state, the build
  # above, and no timing asserted (it fails only when an operation errs or answers wrongly).
  check bench-smoke env WREN_BENCH_DIR="$ROOT/.wren/bench-smoke" WREN_BENCH_RESULTS="$OUT/bench" \
    bash scripts/bench.sh --smoke --no-build
fi

node scripts/summarize-tests.mjs "$OUT"
