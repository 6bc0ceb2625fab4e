import { ApiError } from '../api-client';
import type { FolderDto, MessageDto, MessagePageDto } from '../types';
import { showOfflineBanner } from './banner';
import { countOf, describeChange, messageWithChanges, names, pageWithChanges, QUEUED_PATHS, queuedAnswer, type ChangeBody } from './changes';
import { offlineStore, type OpenedStore } from './store';
import type { QueuedChange } from './worker';

/*
 * The page's side of offline (#19), fetched when a request first finds no network
 * (lib/api-client.ts) or by the offline shell (components/offline/OfflineApp.tsx), from the
 * service worker's cache. A GET is answered from the encrypted copy the worker kept (status 203:
 * not the server's answer, so it is not kept again); a change the user makes (read, star, move,
 * archive, delete, junk, send) joins the queue and is answered as done (202), to be sent by the
 * worker once the network is back. A bar says Wren is offline and lists what waits.
 */

const store = offlineStore();
const NOT_KEPT = 'Not available offline: Wren keeps the folders you visited and the messages you opened lately.';

/** The kept record a GET path names, or null: the folder list, the composer's config, a folder's first page, a message. */
function keyOfPath(path: string): string | null {
  const url = new URL(path, window.location.origin);
  if (url.pathname === '/api/folders' && !url.search) return 'folders';
  if (url.pathname === '/api/compose/config') return 'config';
  const q = url.searchParams;
  const folder = q.get('folder');
  if (url.pathname === '/api/messages' && folder && !q.get('q') && (q.get('offset') ?? '0') === '0') return `list:${folder}`;
  const opened = /^\/api\/messages\/([^/]+)$/.exec(url.pathname);
  return opened ? `message:${decodeURIComponent(opened[1])}` : null;
}

const withStore = <T>(fn: (store: OpenedStore) => Promise<T>) => store.withCurrent(fn, null);

const pending = (opened: OpenedStore) => store.queued<QueuedChange>(opened).then((rows) => rows.map((r) => r.change));

async function readKept(opened: OpenedStore, key: string): Promise<unknown> {
  const value = await store.get<unknown>(opened, key);
  if (value === null) return null;
  if (key.startsWith('list:')) return pageWithChanges(value as MessagePageDto, await pending(opened));
  if (key.startsWith('message:')) return messageWithChanges(value as MessageDto, await pending(opened));
  return value;
}

/** The subjects of the messages a change names that are kept here (the opened message, or its folder's first page). */
async function subjectsOf(opened: OpenedStore, body: ChangeBody): Promise<{ subjects: string[]; known: MessagePageDto['messages'] }> {
  if (body.ids) {
    const found = await Promise.all(body.ids.map((id) => store.get<MessageDto>(opened, `message:${id}`)));
    return { subjects: found.flatMap((m) => (m ? [m.subject] : [])), known: [] };
  }
  const page = body.selection ? await store.get<MessagePageDto>(opened, `list:${body.selection.folder}`) : null;
  const known = page?.messages ?? [];
  return { subjects: known.filter((m) => names(body, m)).map((m) => m.subject), known };
}

async function enqueue(opened: OpenedStore, path: string, body: ChangeBody): Promise<unknown> {
  const { subjects, known } = await subjectsOf(opened, body);
  const count = countOf(body, known);
  const change: QueuedChange = { path, body, label: describeChange(path, body, subjects, count) };
  await store.enqueue(opened, change);
  void refreshBanner();
  return queuedAnswer(path, Math.max(count, 1));
}

/**
 * What a request that found no network is answered: kept mail for a GET, "queued" for a change;
 * `error` (the request's own failure) for everything else, or when nothing is kept here.
 */
export async function answerOffline(path: string, init: { method?: string; body?: unknown }, error: ApiError): Promise<Response> {
  startOfflineMode();
  const method = init.method ?? 'GET';
  const key = method === 'GET' ? keyOfPath(path) : null;
  const queued = method === 'POST' && QUEUED_PATHS.includes(path);
  if (!key && !queued) throw error;
  const answer = await withStore((opened) => (key ? readKept(opened, key) : enqueue(opened, path, init.body as ChangeBody)));
  if (answer === null) throw key ? new ApiError(0, 'not_offline', NOT_KEPT) : error;
  return new Response(JSON.stringify(answer), { status: key ? 203 : 202, headers: { 'Content-Type': 'application/json' } });
}

/** For the offline shell: whose mail is kept and its folders, or null when there is none. */
export async function keptAccount(): Promise<{ user: string; folders: FolderDto[] } | null> {
  const kept = await withStore(async (opened) => ({ user: await store.account(opened), folders: await store.get<{ folders: FolderDto[] }>(opened, 'folders') }));
  return kept?.user && kept.folders ? { user: kept.user, folders: kept.folders.folders } : null;
}

/** Deletes every offline copy in this browser (the sign-in page, signed out). */
export function wipeOffline(): Promise<void> {
  return store.wipe();
}

let started = false;
let online = false;
let back: (() => boolean) | undefined;

async function refreshBanner() {
  if (online) return;
  const labels = (await withStore(pending))?.map((c) => c.label) ?? [];
  showOfflineBanner(labels);
}

async function reachable(): Promise<boolean> {
  try {
    return (await fetch('/api/health', { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * Offline from now on: the bar shows, and Wren's server is checked when the browser says it is
 * online and every 5 s (a server that was down says nothing). Once it answers the bar goes and
 * `onBack` runs (the shell's: it reloads into the real mail view, and says so); the worker sends
 * the queue.
 */
export function startOfflineMode(onBack?: () => boolean) {
  online = false;
  if (onBack) back = onBack;
  void refreshBanner();
  if (started) return;
  started = true;
  const check = async () => {
    if (online || !(await reachable())) return;
    online = true;
    showOfflineBanner(null);
    // The shell reloads into the real mail view, whose first paint has the worker send the queue
    // (so its notices reach the page that stays); otherwise the worker is asked here.
    if (!back?.()) navigator.serviceWorker?.controller?.postMessage({ wren: 'replay' });
  };
  window.addEventListener('online', () => void check());
  window.setInterval(() => void check(), 5_000);
  // The worker sent or dropped queued changes: the list follows.
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
    if (event.data?.wren === 'queue') void refreshBanner();
  });
  window.addEventListener('offline', () => {
    online = false;
    void refreshBanner();
  });
}
