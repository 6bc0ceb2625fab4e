import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const serverImportBan = {
  patterns: [
    { group: ['@/server/*', '**/server/*', '../server/*'], message: 'lib/, components/ and client code never import server/ (see STYLE.md).' },
    { group: ['imapflow', 'iron-session', 'jsdom', 'node:*'], message: 'Only server/ touches sockets, secrets and node built-ins.' },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', '.wren/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'next-env.d.ts'],
  },
  {
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', serverImportBan] },
  },
  {
    files: ['scripts/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
];

export default config;
