import { currentServiceWorkerScript } from '@/server/service-worker';

// Read at the first request, from the build this process runs (not at build time: the script
// names the build's files, which only exist once the build is done).
export const dynamic = 'force-dynamic';

// GET /sw.js – the service worker (lib/pwa/service-worker.ts), naming this build and its files
export function GET() {
  return new Response(currentServiceWorkerScript(), {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      // Checked again on every update check: a new build must reach the browser at once.
      'Cache-Control': 'no-cache',
      // The worker's own policy: it fetches this origin only, and loads no script.
      'Content-Security-Policy': "default-src 'self'; script-src 'none'; frame-ancestors 'none'",
    },
  });
}
