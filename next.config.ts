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
  // Built with webpack (`next build --webpack`, `npm run build`): its client bundles are 1.8 KB
  // gzipped smaller than Turbopack's for the mail view (148.9 against 150.7 KB measured on one
  // tree), which keeps the page under its 150 KB budget (docs/PERFORMANCE.md). `next dev` stays on
  // Turbopack. The type check is a check of its own in `npm test` (`npm run typecheck`, before
  // the build): the build's own pass would only repeat it.
  typescript: { ignoreBuildErrors: true },
  webpack(config: { output: { workerPublicPath?: string } }, { isServer }: { isServer: boolean }) {
    // The sanitizer's worker thread (server/mail/html/sanitize-pool.ts) is a chunk beside the
    // server chunk that starts it: found from that chunk's directory, not from the browser's
    // public path (/_next/), which is what webpack would otherwise put in front of it.
    if (isServer) config.output.workerPublicPath = './';
    return config;
  },
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
