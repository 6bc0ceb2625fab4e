import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { loadStackEnv } from './e2e/support/stack-env';

const stack = loadStackEnv();

// Integration tests: route handlers and server/mail against the real Dovecot of the test stack.
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      'server-only': fileURLToPath(new URL('./e2e/support/empty-module.ts', import.meta.url)),
    },
  },
  test: {
    include: ['e2e/api/**/*.test.ts'],
    environment: 'node',
    // Integration tests keep sessions in Redis; the browser tests' server uses the memory store.
    // They sanitize inline: a worker thread cannot load TypeScript (the production build's
    // sanitizer threads are covered by the browser tests and by e2e/browser/responsive.spec.ts).
    env: { ...stack, REDIS_URL: stack.WREN_TEST_REDIS_URL, SANITIZE_WORKERS: '0' },
    // One Dovecot serves every file; files that restart it must not overlap with others.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
