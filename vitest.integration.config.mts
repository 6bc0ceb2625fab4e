import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { loadStackEnv } from './e2e/support/stack-env';

const stack = loadStackEnv();

/*
 * Lanes (npm test, scripts/test.sh): WREN_INTEGRATION_LANE=alone runs first, by itself: its files
 * stop or restart the shared Dovecot, or fail sign-ins from the test address by the dozen. Then
 * `shared` and `own` run side by side, each one file at a time: `own` holds files whose users no
 * other file signs in as (and the files that share only among themselves, like the organize
 * Dovecot's user of move-fixtures.ts), `shared` everything else (alice, bob, counter, bulk...).
 * A new file lands in `shared` unless it is listed under `own`. Without the variable: every file,
 * one at a time.
 */
const ALONE = ['live', 'pool', 'sign-in-throttle'];
const OWN = [
  'conversations-no-thread', 'doctor', 'dropped-download', 'live-tabs', 'live-tabs-fallback', 'message-cache',
  'move', 'move-fallback', 'move-no-uidplus', 'offline-key', 'preview-absent', 'push', 'push-idle',
  'search-prepare', 'search-select-all', 'settings', 'settings-fallback', 'shared-folders', 'shared-state',
  'sieve-client', 'sieve-rules', 'sieve-vacation', 'sort', 'sort-absent', 'tls', 'tls-send', 'unsubscribe',
];
const files = (names: string[]) => names.map((name) => `e2e/api/${name}.test.ts`);
const lane = process.env.WREN_INTEGRATION_LANE;
const include = lane === 'alone' ? files(ALONE) : lane === 'own' ? files(OWN) : ['e2e/api/**/*.test.ts'];
const exclude = lane === 'shared' ? [...configDefaults.exclude, ...files([...ALONE, ...OWN])] : configDefaults.exclude;

// Integration tests: route handlers and server/mail against the real Dovecot of the test stack.
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      'server-only': fileURLToPath(new URL('./e2e/support/empty-module.ts', import.meta.url)),
    },
  },
  test: {
    include,
    exclude,
    environment: 'node',
    // Integration tests keep sessions in Redis; the browser tests' server uses the memory store.
    // They sanitize inline: a worker thread cannot load TypeScript (the production build's
    // sanitizer threads are covered by the browser tests and by e2e/browser/responsive.spec.ts).
    env: { ...stack, REDIS_URL: stack.WREN_TEST_REDIS_URL, SANITIZE_WORKERS: '0' },
    // One file at a time within a lane (files of one lane share users; see the lanes above).
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
