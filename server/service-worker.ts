import 'server-only';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { routeOf, serviceWorker, type ServiceWorkerConfig } from '@/lib/pwa/service-worker';
import { pushWorker } from '@/lib/push-worker';
import { offlineStore } from '@/lib/offline/store';
import { offlineWorker } from '@/lib/offline/worker';

/** The page the worker shows when a page load finds no network (app/offline/page.tsx). */
export const OFFLINE_SHELL = '/offline';

// Kept offline: scripts, styles, fonts and images. Not the rest of .next/static (Turbopack puts
// the sanitizer worker's TypeScript source there as a "media" file; no page loads it).
const PRECACHED = /\.(js|css|woff2?|ttf|png|svg|jpe?g|gif|webp|avif|ico)$/;
// Nor the client chunks webpack emits for the route handlers (chunks/app/api/**/route-*.js): no
// page loads one, and they were 50 of the 120 files every first install fetched.
const ROUTE_HANDLER_CHUNK = /^chunks[\\/]app[\\/]api[\\/]/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * What the worker of the build in `distDir` is told: the build's id (the cache's name) and its
 * static files. Both `next start` and the standalone server.js run with the directory above
 * `.next` as their working directory. A development server has no BUILD_ID (and registers no worker).
 */
export function readServiceWorkerConfig(distDir = join(process.cwd(), '.next')): ServiceWorkerConfig {
  const idFile = join(distDir, 'BUILD_ID');
  const version = existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() : 'development';
  const staticDir = join(distDir, 'static');
  const precache = existsSync(staticDir)
    ? filesUnder(staticDir)
        .filter((file) => PRECACHED.test(file) && !ROUTE_HANDLER_CHUNK.test(relative(staticDir, file)))
        .map((file) => `/_next/static/${relative(staticDir, file).split(sep).map(encodeURIComponent).join('/')}`)
        .sort()
    : [];
  return { version, shell: OFFLINE_SHELL, precache };
}

/** The worker's script for `config` (lib/pwa/service-worker.ts says how it is put together). */
export function serviceWorkerScript(config: ServiceWorkerConfig): string {
  return (
    `// Wren's service worker (lib/pwa/service-worker.ts)\n'use strict';\n(${serviceWorker.toString()})(self, ${JSON.stringify(config)}, ${routeOf.toString()});\n` +
    // Web Push: the notification of new mail, and what a click on it opens (lib/push-worker.ts).
    `(${pushWorker.toString()})(self);\n` +
    // Offline reading and actions: the encrypted copy of mail the pages hand over, and the queue (lib/offline/).
    `(${offlineWorker.toString()})(self, ${offlineStore.toString()});\n`
  );
}

let built: string | null = null;

/** This process's worker script: the build does not change under a running process. */
export function currentServiceWorkerScript(): string {
  built ??= serviceWorkerScript(readServiceWorkerConfig());
  return built;
}
