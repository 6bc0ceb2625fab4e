/*
 * Wren's service worker. GET /sw.js (app/sw.js/route.ts, server/service-worker.ts) serves
 *
 *     (serviceWorker)(self, {version, shell, precache}, routeOf)
 *
 * built from the two functions below with Function.prototype.toString: each must stay
 * self-contained (no imports, no module-level names; routeOf comes in as an argument). The
 * script is this source plus the build's id and file list, so every build is a new worker, and
 * the browser's update check sees it.
 *
 * What it does, and only that:
 * - install: fills the cache `wren-shell-<version>` with this build's static files (immutable,
 *   content-hashed names; a copy an earlier version already holds is taken from it instead of the
 *   network) and the offline shell page (/offline: no session, no mail). It then waits: a new
 *   version takes over only when the page asks (skip-waiting, from the "Reload" of the update bar
 *   in lib/pwa/boot.ts), never under a page in use.
 * - activate: deletes the other versions' caches (wren-shell-* only), and takes the pages that have
 *   no worker yet (the first install's).
 * - fetch: static files from the cache, else the network; page loads from the network, and the
 *   shell when the network fails. Nothing else is answered by the worker: the API (mail, event
 *   streams, attachments, the image proxy, sign-in and sign-out), /metrics, the manifest and
 *   everything else go to the network as if there were no worker, and nothing of theirs is kept.
 *
 * The rest of #19 runs beside this function in the same script (server/service-worker.ts): Web
 * Push's `push` and `notificationclick` listeners (lib/push-worker.ts), and offline reading and
 * actions (lib/offline/worker.ts), which keep, encrypted in IndexedDB, the copies of API answers
 * the pages post to the worker and send the changes queued offline. Neither answers a request.
 */

export interface ServiceWorkerConfig {
  /** The build (its BUILD_ID): names the cache. */
  version: string;
  /** The page shown when a page load finds no network. */
  shell: string;
  /** This build's static files, as paths. */
  precache: string[];
}

export type Route = 'static' | 'page' | null;

/** Who answers a request: the cache first (`static`), the network then the shell (`page`), or the network alone (null). */
export function routeOf(request: { method: string; url: string; mode: string }, origin: string): Route {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== origin) return null;
  if (url.pathname.startsWith('/_next/static/')) return 'static';
  // Downloads and the image proxy can be navigations too (/api/...): never the shell.
  if (request.mode === 'navigate' && !/^\/(api|metrics)(\/|$)/.test(url.pathname)) return 'page';
  return null;
}

/** The parts of ServiceWorkerGlobalScope used here (the DOM library has no worker types). */
interface WaitUntil extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface InstallEvent extends WaitUntil {
  addRoutes?(rules: Array<{ condition: { urlPattern: string }; source: 'network' }>): Promise<void>;
}
interface FetchEvent extends WaitUntil {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface SwScope {
  location: Location;
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install', listener: (event: InstallEvent) => void): void;
  addEventListener(type: 'activate', listener: (event: WaitUntil) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export function serviceWorker(sw: SwScope, config: ServiceWorkerConfig, route: typeof routeOf) {
  const prefix = 'wren-shell-';
  const name = prefix + config.version;

  const fetchOk = async (path: string, init: RequestInit) => {
    const response = await fetch(path, init);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response;
  };

  const fill = async () => {
    const cache = await caches.open(name);
    const earlier = (await caches.keys()).filter((key) => key.startsWith(prefix) && key !== name);
    const fromEarlier = async (path: string) => {
      for (const key of earlier) {
        const found = await (await caches.open(key)).match(path);
        if (found) return found;
      }
      return null;
    };
    await Promise.all(
      config.precache.map(async (path) => {
        if (await cache.match(path)) return;
        // The HTTP cache may have it from the page that registered the worker: same name, same bytes.
        await cache.put(path, (await fromEarlier(path)) ?? (await fetchOk(path, {})));
      }),
    );
    // Fresh, and without cookies: the shell is the same for everyone and holds nobody's mail.
    await cache.put(config.shell, await fetchOk(config.shell, { cache: 'no-store', credentials: 'omit' }));
  };

  sw.addEventListener('install', (event) => {
    // The API never goes through this worker (routeOf answers null for it). Where the browser has
    // static routes (Chromium), say so up front: a request the worker would only pass on then
    // skips it, so a draft's keepalive save on pagehide leaves a controlled page as it leaves an
    // uncontrolled one (Chromium drops it when it has to wake the worker while the page unloads).
    const routes = event.addRoutes?.([{ condition: { urlPattern: '/api/*' }, source: 'network' }]).catch(() => undefined);
    event.waitUntil(Promise.all([fill(), routes]));
  });

  sw.addEventListener('activate', (event) =>
    event.waitUntil(
      caches
        .keys()
        .then((keys) => Promise.all(keys.filter((key) => key.startsWith(prefix) && key !== name).map((key) => caches.delete(key))))
        // The page that installed the first version is served by it at once: what it reads is kept
        // for offline from then on (lib/offline/worker.ts), not only after a reload.
        .then(() => sw.clients.claim()),
    ),
  );

  // The update bar's "Reload" (lib/pwa/boot.ts): this version takes over, then the page reloads.
  sw.addEventListener('message', (event) => {
    if (event.data === 'skip-waiting') void sw.skipWaiting();
  });

  sw.addEventListener('fetch', (event) => {
    const { request } = event;
    const kind = route(request, sw.location.origin);
    if (kind === 'static') {
      event.respondWith(caches.match(request, { cacheName: name, ignoreVary: true }).then((cached) => cached ?? fetch(request)));
    } else if (kind === 'page') {
      event.respondWith(
        fetch(request).catch(async (error: unknown) => {
          const shell = await caches.match(config.shell, { cacheName: name });
          if (shell) return shell;
          throw error;
        }),
      );
    }
  });
}
