import { pushWorker } from '@/lib/push-worker';

/*
 * TEMPORARY, until the PWA work of #19 (the real service worker at this same path, which caches
 * the application shell) is on main: a worker with the push listeners alone. When that lands,
 * this file goes and its worker script calls `(${pushWorker})(self)` beside its own code.
 */
const SCRIPT = `'use strict';\n(${pushWorker.toString()})(self);\n`;

// GET /sw.js – the service worker: Web Push's `push` and `notificationclick` (lib/push-worker.ts)
export function GET() {
  return new Response(SCRIPT, {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      // The worker's own policy: it fetches this origin only, and loads no script.
      'Content-Security-Policy': "default-src 'self'; script-src 'none'; frame-ancestors 'none'",
    },
  });
}
