import { defineConfig, devices } from '@playwright/test';
import { loadStackEnv } from './e2e/support/stack-env';

const stack = loadStackEnv();
// Specs reach the same Dovecot directly (raw IMAP checks, stop and start).
Object.assign(process.env, stack);
const PORT = Number(process.env.WREN_E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

// Debian's Chromium: Playwright's own browser download cannot work here. As root it needs
// --no-sandbox, and the background-networking flags keep it off the closed network.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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

export default defineConfig({
  testDir: './e2e/browser',
  forbidOnly: true,
  retries: 0,
  // Some specs stop and restart the shared Dovecot: one worker keeps them from overlapping.
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: {
    command: `npx next start -H 127.0.0.1 -p ${PORT}`,
    url: `${BASE_URL}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { ...stack, NEXT_TELEMETRY_DISABLED: '1' },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
