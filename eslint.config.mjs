import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const serverImportBan = {
  patterns: [
    { group: ['@/server/*', '**/server/*', '../server/*'], message: 'lib/, components/ and client code never import server/ (see STYLE.md).' },
    { group: ['imapflow', 'iron-session', 'jsdom', 'node:*'], message: 'Only server/ touches sockets, secrets and node built-ins.' },
  ],
};

// The mail view's first download (#8: under 150 KB gzipped). Its components may import types
// from the zod modules, never values: constants live in lib/limits.ts, the address rule in
// lib/address.ts. The composer (components/compose/, loaded on open) may use zod.
const zodInMailViewBan = {
  patterns: [
    { group: ['zod', 'zod/*'], message: 'zod stays out of the mail view (#8).' },
    {
      group: ['@/lib/schemas', '@/lib/compose', '**/lib/schemas', '**/lib/compose'],
      allowTypeImports: true,
      message: 'Types only: this module builds zod schemas, which would load zod with the mail view (#8). Move what the UI needs to a zod-free module (lib/limits.ts, lib/address.ts).',
    },
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
    files: [
      'components/{folders,list,login,mail,message,search,ui}/*.{ts,tsx}',
      'components/compose/{use-composer,compose-request,LazyComposer}.{ts,tsx}',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', zodInMailViewBan] },
  },
  {
    files: ['scripts/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
];

export default config;
