import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { loadStackEnv } from './e2e/support/stack-env';

const stack = loadStackEnv();
// Specs reach the same Dovecot directly (raw IMAP checks, stop and start).
Object.assign(process.env, stack);
const PORT = Number(process.env.WREN_E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** Everything the server the specs use prints. */
export const SERVER_LOG = join(process.env.WREN_STACK_DIR ?? join(process.cwd(), '.wren/test'), 'e2e-server.log');

// Debian's Chromium: Playwright's own browser download cannot work here. As root it needs
// --no-sandbox, and the background-networking flags keep it off the closed network.
// The specs run in Debian's `chromium-headless-shell` (the old headless mode, what Playwright itself
// runs headless tests in): the same engine without the full browser's UI layer, and about a quarter
// less CPU and wall time per test than `chromium --headless` (docs/PERFORMANCE.md, session 28).
// What only the full browser does (a notification shown by the service worker, a tab opened by a
// middle or Ctrl-click) runs there: `fullChromium`. CHROMIUM_PATH overrides both (`--headed` needs
// the full browser: CHROMIUM_PATH=/usr/bin/chromium).
export const FULL_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};

// Specs that stop or restart the shared Dovecot (live, sign-in), time the server while it works
// (responsive), or start and stop Wren processes of their own (restart, balanced: nginx in front of
// two; pwa-update: two releases of the build; settings-follow: one without Redis, restarted),
// run one at a time once every other spec is done (npm test runs them in a second invocation, so
// a failure elsewhere does not keep them from running); the rest run side by side in parallel
// workers, each spec file with a user of its own (scripts/test-stack.sh).
const SERIAL_SPECS = /(live|sign-in|responsive|restart|balanced|pwa-update|settings-follow|scheduler-processes)\.spec\.ts$/;
/** `test.use(fullChromium)` at a spec's top level: the whole file in the full browser (Playwright refuses it in a describe block). */
export const fullChromium = { launchOptions: { ...launchOptions, executablePath: FULL_CHROMIUM } };
const desktop = { ...devices['Desktop Chrome'], launchOptions };
// Touch screens: a phone (390x844) and a tablet (its specs set landscape or portrait).
const TOUCH_SPECS = { phone: /(phone|touch)\.spec\.ts$/, tablet: /tablet\.spec\.ts$/ };
const touch = { ...desktop, isMobile: true, hasTouch: true };
// The service worker's first install fetches the build's static files (70 of them) into the
// cache, and every test starts in a fresh context, so each test paid for one: a quarter of the
// parallel specs' CPU when it fetched 120 (four specs: 57 s of wall without blocking, 42 s with). The specs about the
// worker (pwa, offline, offline-actions, notifications, first-paint) take it back with
// `test.use({ serviceWorkers: 'allow' })`; so do the serial specs and the other engines' journeys.
const noWorker = { serviceWorkers: 'block' as const };

export default defineConfig({
  testDir: './e2e/browser',
  forbidOnly: true,
  // In CI a test that fails is run once more: one that then passes is reported as flaky (by name,
  // in the closing summary of npm test), so a timing hiccup on a loaded 2-core machine does not
  // hide the serial specs behind it. Locally a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  // Chromium, Wren and Dovecot share the machine's cores; WREN_E2E_WORKERS overrides.
  workers: Number(process.env.WREN_E2E_WORKERS ?? 3),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    // Recording a trace costs every test time (a DOM snapshot per action): in CI only the retry
    // of a failed test records one, so a test that fails twice leaves a trace; locally a failure does.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    launchOptions,
  },
  projects: [
    // Each spec user signs in once through the form; the specs start from the saved state.
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: desktop },
    { name: 'chromium', testIgnore: [SERIAL_SPECS, TOUCH_SPECS.phone, TOUCH_SPECS.tablet], dependencies: ['setup'], use: { ...desktop, ...noWorker } },
    { name: 'phone', testMatch: TOUCH_SPECS.phone, dependencies: ['setup'], use: { ...touch, ...noWorker, viewport: { width: 390, height: 844 } } },
    { name: 'tablet', testMatch: TOUCH_SPECS.tablet, dependencies: ['setup'], use: { ...touch, ...noWorker, viewport: { width: 1180, height: 820 } } },
    // npm test runs the serial specs in an invocation of their own (WREN_E2E_SERIAL_ALONE=1), after
    // the others ended: that Wren is new, so only the sign-ins (setup) come first.
    { name: 'serial', testMatch: SERIAL_SPECS, dependencies: process.env.WREN_E2E_SERIAL_ALONE ? ['setup'] : ['chromium', 'phone', 'tablet'], workers: 1, use: desktop },
  ],
  webServer: {
    // Its output is kept in a file too: urls.spec.ts checks no search text reaches a log.
    command: `bash -c 'exec npx next start -H 127.0.0.1 -p ${PORT} > >(tee -a "$WREN_SERVER_LOG") 2> >(tee -a "$WREN_SERVER_LOG" >&2)'`,
    url: `${BASE_URL}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { ...stack, NEXT_TELEMETRY_DISABLED: '1', WREN_SERVER_LOG: SERVER_LOG },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
