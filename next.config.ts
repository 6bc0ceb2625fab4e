import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// Languages (docs/ARCHITECTURE.md): next-intl without locale routing. Its request config reads
// the language of each request; the catalogs are precompiled at build time (no ICU parser in the
// browser), and en.json gets a type declaration, so a key used in code but missing there fails tsc.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: {
    createMessagesDeclaration: './lib/i18n/messages/en.json',
    messages: { path: './lib/i18n/messages', format: 'json', locales: 'infer', precompile: true },
  },
});

// The pages' Content-Security-Policy (with a script nonce per response) is set in proxy.ts. API
// answers are data, never documents: nothing in them may load or run.
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const nextConfig: NextConfig = {
  // .next/standalone: server.js and only the node_modules files it needs, for deploying without
  // the source tree (docs/DEPLOY.md). `next start` keeps working on the same build.
  output: 'standalone',
  serverExternalPackages: ['imapflow', 'jsdom', 'dompurify', '@redis/client', 'web-push'],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
    ];
  },
};

export default withNextIntl(nextConfig);
