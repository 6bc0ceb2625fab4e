import { defineConfig } from 'vitest/config';
import { loadStackEnv } from './e2e/support/stack-env';

const stack = loadStackEnv();

// The engine journey (e2e/engines/): one user journey in Firefox and in WebKit, against a
// `next start` of the build that e2e/engines/server.ts starts. The two files (one per engine,
// each with its own user) run side by side.
export default defineConfig({
  test: {
    include: ['e2e/engines/**/*.test.ts'],
    environment: 'node',
    env: stack,
    globalSetup: ['e2e/engines/server.ts'],
    testTimeout: 120_000,
    hookTimeout: 90_000,
  },
});
