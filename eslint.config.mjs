import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const serverImportBan = {
  patterns: [
    { group: ['@/server/*', '**/server/*', '../server/*'], message: 'lib/, components/ and client code never import server/ (see docs/ARCHITECTURE.md).' },
    { group: ['imapflow', 'iron-session', 'jsdom', 'node:*'], message: 'Only server/ touches sockets, secrets and node built-ins.' },
  ],
  // Types only: next-intl's client runtime would cost the mail view 5 KB gzipped (next-intl/server is fine).
  paths: [{ name: 'next-intl', allowTypeImports: true, message: "Client components translate with '@/lib/i18n/client' (next-intl's API without its client runtime: docs/ARCHITECTURE.md)." }],
};

// A value import of 'next-intl' anywhere (its react-server entry exports NextIntlClientProvider, a
// client component) puts that provider in the browser's first download of every page: the server
// translates with next-intl/server or use-intl/core (server/i18n.ts).
const nextIntlValueBan = { name: 'next-intl', allowTypeImports: true, message: "Types only: a value import of 'next-intl' ships NextIntlClientProvider to every page. Use next-intl/server, or use-intl/core outside a request (server/i18n.ts)." };

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

// The server's layers, lowest first (docs/ARCHITECTURE.md): a layer imports only from those
// below it. Operations (mail/, send/) reach IMAP through imap/; http/ is the route edge and
// reaches no operation: the route handlers in app/api call both.
const SERVER_LAYERS = [
  { name: 'foundation', files: ['server/*.ts', 'server/streams/**'] },
  { name: 'session', files: ['server/session/**'] },
  { name: 'imap', files: ['server/imap/**'] },
  // ManageSieve (vacation and filters): a protocol beside IMAP, below the operations.
  { name: 'sieve', files: ['server/sieve/**'] },
  { name: 'mail', files: ['server/mail/**'] },
  { name: 'send', files: ['server/send/**'] },
  // Snooze, send later, undo send: acts for users with no request (server/scheduler/runner.ts).
  { name: 'scheduler', files: ['server/scheduler/**'] },
];
const HIGHER = {
  foundation: ['session', 'imap', 'sieve', 'mail', 'send', 'scheduler', 'http'],
  session: ['imap', 'sieve', 'mail', 'send', 'scheduler', 'http'],
  imap: ['sieve', 'mail', 'send', 'scheduler', 'http'],
  sieve: ['imap', 'mail', 'send', 'scheduler', 'http'],
  mail: ['send', 'scheduler', 'http'],
  send: ['scheduler', 'http'],
  scheduler: ['http'],
};
const layerRules = [
  ...SERVER_LAYERS.map(({ name, files }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [nextIntlValueBan], patterns: [{ group: HIGHER[name].map((higher) => `**/${higher}/**`), message: `The ${name} layer imports nothing from ${HIGHER[name].join('/, ')}/: a lower layer never imports a higher one (docs/ARCHITECTURE.md).` }] },
      ],
    },
  })),
  {
    files: ['server/http/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [nextIntlValueBan], patterns: [{ group: ['**/imap/**', '**/sieve/**', '**/mail/**', '**/send/**', '**/scheduler/**'], message: 'http/ is the route edge: it reaches no operation and no IMAP connection; route handlers call both (docs/ARCHITECTURE.md).' }] },
      ],
    },
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', '.wren/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'next-env.d.ts'],
  },
  {
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    // lib/i18n/request.ts is next-intl's request config: server-only, it reads the session.
    ignores: ['lib/i18n/request.ts'],
    rules: { 'no-restricted-imports': ['error', serverImportBan] },
  },
  {
    files: [
      'components/{folders,list,login,mail,message,search,ui}/*.{ts,tsx}',
      'components/compose/{use-composer,compose-request,LazyComposer}.{ts,tsx}',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', zodInMailViewBan] },
  },
  ...layerRules,
  {
    files: ['app/**/*.{ts,tsx}', 'proxy.ts', 'instrumentation.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [nextIntlValueBan] }] },
  },
  {
    files: ['scripts/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
];

export default config;
