import type { OfflineKeyDto } from '../types';
import type { OfflineStore, OpenedStore } from './store';

/*
 * Offline reading in the service worker (#19): the worker keeps, encrypted, what the pages post
 * to it, and sends the changes made offline once the network is back. It still answers no API
 * request: the pages fetch mail as they always did and hand the worker a copy of the answers it
 * may keep (lib/api-client.ts, components/mail/MailApp.tsx). The work is done here rather than in
 * the page because the mail view's first download has no room for it (docs/PERFORMANCE.md), and
 * the worker does it off the page's thread.
 *
 * Put into the worker's script with Function.prototype.toString (server/service-worker.ts) as
 * `(offlineWorker)(self, offlineStore)`: self-contained, no imports but types, no module-level names.
 *
 * Messages from a page:
 *   {wren: 'shown', user, folders, page}  the mail view painted for `user`, with these folders and
 *                                         first page (online): kept, and the queue replayed
 *   {wren: 'keep', path, data}            a GET the page made and its answer: kept when it is one
 *                                         of the folder list, a folder's first page, an opened
 *                                         message, the composer's config
 *   {wren: 'replay'}                      the page is online again: send the queue
 * To the pages: {wren: 'notice', kind, text} after a replay (the mail view shows it as a toast),
 * and {wren: 'queue'} when the queue changed.
 */

interface ExtendableMessage {
  data: unknown;
  waitUntil(promise: Promise<unknown>): void;
}
interface OfflineScope {
  location: Location;
  clients: { matchAll(options: { type: 'window' }): Promise<Array<{ postMessage(message: unknown): void }>> };
  addEventListener(type: 'message', listener: (event: ExtendableMessage) => void): void;
}

/** A change made offline, as lib/offline/fallback.ts queues it. */
export interface QueuedChange {
  path: string;
  body: unknown;
  /** What the user did, in words ("Star “Lunch”"). */
  label: string;
}

export function offlineWorker(sw: OfflineScope, makeStore: () => OfflineStore) {
  const store = makeStore();
  // One thing at a time: two keeps must not both set up a store, nor two replays send one change twice.
  let chain: Promise<unknown> = Promise.resolve();
  const serially = (task: () => Promise<unknown>) => (chain = chain.then(task).catch(() => undefined));

  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

  /** What a GET's answer is kept as, or null: the folder list, a folder's first page, an opened message, the composer's config. */
  const keptAs = (path: string, data: unknown): [kind: 'folders' | 'config' | 'list' | 'message', key: string] | null => {
    if (!isObject(data)) return null;
    const url = new URL(path, sw.location.origin);
    if (url.pathname === '/api/folders' && !url.search && Array.isArray(data.folders)) return ['folders', 'folders'];
    // The composer asks for it at every open: a message written offline needs it too.
    if (url.pathname === '/api/compose/config' && isObject(data.from)) return ['config', 'config'];
    const q = url.searchParams;
    // A first page as the list asks for it (50 rows), not the one-row peek of the Inbox notice.
    const limit = Number(q.get('limit') ?? 50);
    if (url.pathname === '/api/messages' && !q.get('q') && (q.get('offset') ?? '0') === '0' && limit >= 50 && data.offset === 0 && typeof data.folder === 'string' && Array.isArray(data.messages)) {
      return ['list', `list:${data.folder}`];
    }
    const opened = /^\/api\/messages\/([^/]+)$/.exec(url.pathname);
    if (opened && typeof data.id === 'string' && decodeURIComponent(opened[1]) === data.id) return ['message', `message:${data.id}`];
    return null;
  };

  /**
   * The store of the signed-in user: the one there is, or, when there is none or it is another
   * user's, a new one under the key the server gives this session (none when signed out).
   */
  const storeFor = async (user?: string): Promise<OpenedStore | null> => {
    let opened = await store.current();
    if (opened && user !== undefined && (await store.account(opened)) !== user) {
      opened.db.close();
      opened = null;
    }
    if (opened) return opened;
    const res = await fetch('/api/offline/key', { cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) return null;
    const answer = (await res.json()) as OfflineKeyDto;
    // The page that asked is another user's than the cookie now (a sign-in in another tab): keep nothing.
    if (user !== undefined && answer.user !== user) return null;
    return store.setup(answer);
  };

  const keep = async (entries: Array<[path: string, data: unknown]>, user?: string) => {
    const wanted = entries.map(([path, data]) => [keptAs(path, data), data] as const).filter(([as]) => as);
    if (!wanted.length && user === undefined) return;
    const opened = await storeFor(user);
    if (!opened) return;
    try {
      for (const [as, data] of wanted) await store.put(opened, as![0], as![1], data);
    } finally {
      opened.db.close();
    }
  };

  const tell = async (message: unknown) => {
    for (const client of await sw.clients.matchAll({ type: 'window' })) client.postMessage(message);
  };

  /**
   * Sends the queued changes in order. A change the server refuses is dropped and the user told:
   * the server's state wins (a message deleted elsewhere cannot be starred). Without a network,
   * or signed out, the rest waits. A send is sent once: its compose id makes a second POST
   * answer `already_sent` (server/send/send.ts), which counts as sent.
   */
  const replay = async () => {
    const opened = await store.current();
    if (!opened) return;
    let sent = 0;
    const dropped: string[] = [];
    try {
      for (const { seq, change } of await store.queued<QueuedChange>(opened)) {
        let res: Response;
        try {
          res = await fetch(change.path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(change.body), credentials: 'same-origin' });
        } catch {
          break;
        }
        if (res.status === 401) break;
        const answer = (await res.json().catch(() => null)) as { count?: unknown; error?: { code?: string; message?: string } } | null;
        const code = answer?.error?.code;
        // Another tab or process is sending this very message: it is asked again next time.
        if (code === 'conflict') break;
        await store.dequeue(opened, seq);
        if (res.ok && answer?.count === 0) dropped.push(`${change.label}: the message is no longer there`);
        else if (res.ok || code === 'already_sent') sent++;
        else dropped.push(`${change.label}: ${answer?.error?.message ?? `refused (${res.status})`}`);
      }
    } finally {
      opened.db.close();
    }
    if (sent) await tell({ wren: 'notice', kind: 'info', text: `${sent} change${sent === 1 ? '' : 's'} made offline ${sent === 1 ? 'was' : 'were'} sent` });
    for (const text of dropped) await tell({ wren: 'notice', kind: 'error', text: `Not done: ${text}` });
    if (sent || dropped.length) await tell({ wren: 'queue' });
  };

  sw.addEventListener('message', (event) => {
    const data = event.data;
    if (!isObject(data)) return;
    if (data.wren === 'keep' && typeof data.path === 'string') {
      // A GET answered: the network is there, so whatever waits goes too.
      event.waitUntil(serially(() => keep([[data.path as string, data.data]])).then(() => serially(replay)));
    } else if (data.wren === 'shown' && typeof data.user === 'string') {
      const entries: Array<[string, unknown]> = [['/api/folders', { folders: data.folders }], ['/api/messages', data.page]];
      event.waitUntil(serially(() => keep(entries, data.user as string)).then(() => serially(replay)));
    } else if (data.wren === 'replay') {
      event.waitUntil(serially(replay));
    }
  });
}
