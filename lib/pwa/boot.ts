/*
 * The page side of the service worker, inline in every page (app/layout.tsx) rather than in the
 * mail view's JavaScript, which has no room left (150 KB gzipped, docs/PERFORMANCE.md). It
 * registers /sw.js once the page has loaded and the browser is idle (the first time from any page
 * but the sign-in page), and when a new version of Wren has installed beside
 * the running one it says so in a bar; "Reload" lets the new version take over and reloads this
 * page. Other tabs keep their bar and reload when their user says so. It also shows the worker's
 * notices (the changes made offline were sent, or one was refused: lib/offline/worker.ts).
 *
 * bootScript() puts bootServiceWorker's source in the page with Function.prototype.toString, so
 * it must stay self-contained (no imports, no module-level names).
 */

export interface BootOptions {
  script: string;
  text: string;
  action: string;
  barClass: string;
  buttonClass: string;
  noticesClass: string;
  noticeClass: string;
}

/** `reload` is the page's reload; a unit test gives its own (jsdom cannot navigate). */
export function bootServiceWorker(o: BootOptions, reload: () => void = () => window.location.reload()) {
  if (!('serviceWorker' in navigator)) return; // an insecure origin, or an old browser
  const container = navigator.serviceWorker;
  let waiting: ServiceWorker | null = null;
  let asked = false;
  /** The reload that follows Reload when the browser does not hand the page over (below). */
  let fallback: ReturnType<typeof setTimeout> | undefined;

  const offer = (worker: ServiceWorker) => {
    waiting = worker;
    if (document.getElementById('wren-update')) return;
    const bar = document.createElement('div');
    bar.id = 'wren-update';
    bar.setAttribute('role', 'status');
    bar.className = o.barClass;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = o.buttonClass;
    button.textContent = o.action;
    button.onclick = () => {
      asked = true;
      button.disabled = true;
      // Another tab may have let it take over already, or a newer version replaced this one
      // (redundant): then this page only needs loading again.
      if (!waiting || waiting.state === 'activated' || waiting.state === 'redundant') return reload();
      waiting.postMessage('skip-waiting');
      // The page reloads when the new version takes it over (controllerchange, below). Should the
      // browser not hand it over (seen once in a loaded test run: the button pressed, no reload
      // for minutes), the page reloads anyway: the user asked for it, and the next load offers the
      // version again if it still waits.
      fallback = setTimeout(reload, 5_000);
    };
    bar.append(o.text, button);
    document.body.append(bar);
  };

  container.addEventListener('controllerchange', () => {
    if (!asked) return;
    // One reload: a slow one must not be started again by the fallback.
    clearTimeout(fallback);
    reload();
  });

  // What the worker has to say (lib/offline/worker.ts: the changes made offline were sent, or
  // one was refused), in a bar of its own for a few seconds, on whatever page is open.
  container.addEventListener('message', (event: MessageEvent<{ wren?: string; kind?: string; text?: string }>) => {
    const { wren, kind, text } = event.data ?? {};
    if (wren !== 'notice' || typeof text !== 'string') return;
    const note = document.createElement('div');
    note.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    note.className = o.noticeClass + (kind === 'error' ? ' bg-red-700' : ' bg-slate-800');
    note.textContent = text;
    let list = document.getElementById('wren-notices');
    if (!list) {
      list = document.createElement('div');
      list.id = 'wren-notices';
      list.className = o.noticesClass;
      document.body.append(list);
    }
    list.append(note);
    setTimeout(() => note.remove(), 8_000);
  });
  container.startMessages();

  const register = () =>
    container.register(o.script).then(
      (registration: ServiceWorkerRegistration | undefined) => {
        // None where workers are blocked (Playwright's stub answers undefined, the tests' default).
        if (!registration) return;
        // A version that installed while no page of it was open, or before this reload.
        if (registration.waiting && container.controller) offer(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const worker = registration.installing;
          // Installed beside a running version (not the first install): it waits for the user.
          // Whether one runs is read now: by the time the "installed" event is handled, the first
          // version may already have taken the page over (WebKit under load), and its first
          // install would have offered itself as a new version.
          const running = registration.active;
          worker?.addEventListener('statechange', () => {
            if (worker.state === 'installed' && running && container.controller) offer(worker);
          });
        });
        // A tab left open for days still hears of a new version.
        setInterval(() => void registration.update().catch(() => undefined), 3_600_000);
      },
      () => undefined,
    );
  // The first install fetches the whole build into the cache (lib/pwa/service-worker.ts): not from
  // the sign-in page, where those downloads would compete with the sign-in and the mail view's
  // first load (#22: 150-500 ms of sign-in to rows painted). The mail view installs it, once it
  // has loaded and the browser is idle. Where a worker is registered already, every page
  // registers again (the browser's update check).
  const start = () =>
    void container.getRegistration().then(
      (existing) => {
        if (existing || location.pathname !== '/login') void register();
      },
      () => undefined,
    );
  const whenIdle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 5_000 }) : setTimeout(start, 0));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

const OPTIONS: BootOptions = {
  script: '/sw.js',
  text: 'A new version of Wren is ready',
  action: 'Reload',
  barClass: 'fixed inset-x-0 top-2 z-50 mx-auto flex w-fit items-center gap-4 rounded-lg bg-slate-800 px-4 py-2 text-sm text-white shadow-lg',
  buttonClass: 'font-semibold text-sky-300 hover:text-sky-200',
  noticesClass: 'pointer-events-none fixed inset-x-0 bottom-16 z-50 flex flex-col items-center gap-2 px-4',
  noticeClass: 'rounded-lg px-4 py-2 text-sm text-white shadow-lg',
};

/** The inline script for the root layout. */
export function bootScript(): string {
  return `(${bootServiceWorker.toString()})(${JSON.stringify(OPTIONS).replace(/</g, '\\u003c')});`;
}
