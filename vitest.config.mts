import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests: next to the code, no server needed.
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // 'server-only' throws outside React Server Components; tests run server code directly.
      'server-only': fileURLToPath(new URL('./e2e/support/empty-module.ts', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'components/**/*.test.ts'],
    environment: 'node',
    // The files of a worker share one module registry instead of loading every module again for
    // each file: at one load the run took 250 s (105 s of imports) isolated, 33-49 s not. A test
    // that changes shared state (vi.stubEnv, env()) puts it back when it ends.
    isolate: false,
  },
});
