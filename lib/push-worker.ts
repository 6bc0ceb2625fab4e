/*
 * Web Push in the service worker: the `push` and `notificationclick` listeners. Like the rest of
 * the worker's code this function is turned into the worker's script with
 * Function.prototype.toString, so it must stay self-contained: no imports, no module-level
 * names. The worker's script (server/service-worker.ts) calls it as `(pushWorker)(self)`, after
 * the worker of lib/pwa/service-worker.ts.
 *
 * The payload is server/mail/push/payload.ts's {title, body, url}; `url` is a view of the mail
 * page (/mail/INBOX/<message id>), and nothing outside /mail on this origin is ever opened.
 */

interface PushMessageData {
  json(): unknown;
}
interface NotificationLike {
  data?: { url?: unknown };
  close(): void;
}
interface WindowClientLike {
  url: string;
  focused: boolean;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}
interface PushScope {
  location: Location;
  registration: { showNotification(title: string, options: { body: string; tag: string; data: { url: string }; renotify?: boolean }): Promise<void> };
  clients: { matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>; openWindow(url: string): Promise<unknown> };
  addEventListener(type: 'push', listener: (event: Event & { data: PushMessageData | null; waitUntil(p: Promise<unknown>): void }) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: Event & { notification: NotificationLike; waitUntil(p: Promise<unknown>): void }) => void): void;
}

export function pushWorker(sw: PushScope) {
  const mailPath = (value: unknown) => {
    if (typeof value !== 'string') return '/mail';
    const url = new URL(value, sw.location.origin);
    return url.origin === sw.location.origin && /^\/mail(\/|$)/.test(url.pathname) ? url.pathname + url.search : '/mail';
  };

  sw.addEventListener('push', (event) => {
    let data: { title?: unknown; body?: unknown; url?: unknown } = {};
    try {
      data = (event.data?.json() as typeof data) ?? {};
    } catch {
      // Not JSON: shown as plain news of new mail.
    }
    const url = mailPath(data.url);
    const title = typeof data.title === 'string' && data.title ? data.title : 'New mail';
    const body = typeof data.body === 'string' ? data.body : '';
    // One notification per message (the tag): the same message told twice replaces, never doubles.
    event.waitUntil(sw.registration.showNotification(title, { body, tag: url, data: { url } }));
  });

  // A click: a Wren tab that is open goes to the message (the focused one first, then any showing
  // /mail, then any), else a new window opens on it.
  sw.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const url = mailPath(event.notification.data?.url);
    const target = new URL(url, sw.location.origin).href;
    const open = async () => {
      const tabs = (await sw.clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((c) => new URL(c.url).origin === sw.location.origin);
      tabs.sort((a, b) => Number(b.focused) - Number(a.focused) || Number(new URL(b.url).pathname.startsWith('/mail')) - Number(new URL(a.url).pathname.startsWith('/mail')));
      for (const tab of tabs) {
        // navigate() works for a tab this worker controls; one it does not is skipped.
        const moved = await tab.navigate(target).catch(() => null);
        if (moved) {
          await (moved as WindowClientLike).focus().catch(() => undefined);
          return;
        }
      }
      await sw.clients.openWindow(target);
    };
    event.waitUntil(open());
  });
}
