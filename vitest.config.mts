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
  },
});
