import type { NextConfig } from 'next';

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

export default nextConfig;
