#!/usr/bin/env bash
# npm test: installs what is missing, starts the test stack, runs typecheck, lint, unit,
# integration and end-to-end tests, and ends with one line "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

# firefox-esr, webkit2gtk-driver (WebKitWebDriver) and xvfb (with xauth, for xvfb-run): the
# engine journey in Gecko and WebKit (e2e/engines/). dovecot-sieve and dovecot-managesieved:
# Pigeonhole, for vacation and filters (ManageSieve, e2e/api/sieve*.test.ts). chromium-headless-shell:
# what the Playwright specs run in (playwright.config.ts); a few need the full `chromium`.
ensure_debs dovecot-imapd dovecot-lmtpd dovecot-sieve dovecot-managesieved postfix chromium chromium-headless-shell redis-server firefox-esr webkit2gtk-driver xvfb xauth openssl nginx || exit 1
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

# Stages that do not depend on each other run side by side, on two cores, each one's output kept
# in a file and printed once it ended (so the log reads in order): `background NAME command...`
# starts one, `finish NAME` waits for it and prints its output.
declare -A started
background() {
  local name="$1"; shift
  say "$name (beside the next stage; its output follows when it ends)"
  "$@" > "$OUT/$name.log" 2>&1 &
  started[$name]=$!
}
finish() {
  local name="$1" lines="${2:-}" rc=0
  say "waiting for: $name"
  wait "${started[$name]}" || rc=$?
  if [ -n "$lines" ]; then tail -n "$lines" "$OUT/$name.log"; else cat "$OUT/$name.log"; fi
  return "$rc"
}

check messages node scripts/check-messages.mjs

# The production build runs beside lint, the unit tests and the integration tests, which mostly
# wait on Dovecot. The type check follows the build in the same background job: `next typegen`
# writes into .next, which `next build` empties first, and the integration lanes end about a
# minute after the build, so the check costs the run no time there (before the build it did).
build_and_typecheck() {
  local rc=0
  npm run --silent build || rc=$?
  check typecheck npm run --silent typecheck > "$OUT/typecheck.log" 2>&1
  return "$rc"
}
background build build_and_typecheck
lint_and_unit() {
  check lint npx eslint --max-warnings=0 .
  say "unit tests"
  npx vitest run --config vitest.config.mts --reporter=default --reporter=json --outputFile.json="$OUT/unit.json"
}
background lint-and-unit lint_and_unit

# Integration tests in lanes (vitest.integration.config.mts): the files that stop Dovecot or lock
# out the test address alone, then two lanes side by side whose files never share a user.
integration() {
  WREN_INTEGRATION_LANE="$1" npx vitest run --config vitest.integration.config.mts --reporter=default --reporter=json --outputFile.json="$OUT/integration-$1.json"
}
say "integration tests (route handlers against Dovecot on 127.0.0.1:$IMAP_PORT), alone"
integration alone
background integration-own integration own
say "integration tests, shared users"
integration shared
finish integration-own

finish lint-and-unit
if finish build 40; then echo "pass build" >> "$OUT/checks.txt"; else echo "fail build" >> "$OUT/checks.txt"; fi
cat "$OUT/typecheck.log"
if grep -q '^pass build' "$OUT/checks.txt"; then
  # Beside the parallel Playwright projects, whose specs have no tight time bounds: the engine
  # journey (Firefox, WebKitGTK: a Wren of its own on the same build, users of its own, Dovecot
  # never stopped).
  background engines npx vitest run --config vitest.engines.config.mts --reporter=default --reporter=json --outputFile.json="$OUT/engines.json"
  say "end-to-end tests (Playwright, Debian Chromium)"
  # --output: each invocation keeps its failures' error context (the page's ARIA snapshot) and traces.
  PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/e2e.json" npx playwright test --project setup --project chromium --project phone --project tablet --reporter=list,json --output "$OUT/e2e-artifacts"
  finish engines
  # Beside the serial specs, which mostly wait (on Wren processes starting, on Dovecot, on the
  # scheduler's times) and leave a core idle: the bench in smoke mode, so it never rots (its own
  # Dovecot, ports and state, the build above, no timing asserted: it fails only when an
  # operation errs or answers wrongly). Beside the parallel specs it took a minute of CPU from them.
  background bench-smoke check bench-smoke env WREN_BENCH_DIR="$ROOT/.wren/bench-smoke" WREN_BENCH_RESULTS="$OUT/bench" \
    bash scripts/bench.sh --smoke --no-build
  # The specs that stop the shared Dovecot, start Wren processes of their own or hold the live
  # updates to a second (the serial project) run alone after the rest, and run even when a spec
  # before them failed.
  say "end-to-end tests that run alone (Playwright, serial project)"
  WREN_E2E_SERIAL_ALONE=1 PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/e2e-serial.json" npx playwright test --project setup --project serial --reporter=list,json --output "$OUT/e2e-serial-artifacts"
  finish bench-smoke
fi

node scripts/summarize-tests.mjs "$OUT"
