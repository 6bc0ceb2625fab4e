import 'server-only';
import { randomBytes } from 'node:crypto';
import type { LiveEventDto } from '@/lib/types';
import { onMailEvents } from '../imap/events';
import { watchFolders } from '../imap/watch';
import { log } from '../log';
import { processGlobal } from '../process-global';
import type { Session } from '../session/session';
import { onSignOut } from '../session/sign-out';
import { toLiveEventDto } from './dto/mappers';
import { listFolders } from './folders';

/**
 * Live updates per session: the folders the session's tabs show are watched (server/imap/watch.ts:
 * NOTIFY on the main connection where the server has it, else IDLE on a few connections and
 * STATUS polling), and each event goes to the streams of its folder (events without a folder,
 * such as counts and resync, to all). Events are numbered and the last ones kept, so a stream that
 * reconnects with Last-Event-ID gets what it missed; when that is not possible (a long gap,
 * Wren restarted, the IMAP connection dropped) the stream gets `resync` and the browser catches
 * up with CONDSTORE/QRESYNC (changes.ts).
 */

const BOOT = randomBytes(4).toString('hex');
const KEEP = 500;
const FOLDER_REFRESH_MS = 30_000;
const FOLDER_DEBOUNCE_MS = 300;

export interface LiveStream {
  folder: string;
  send: (id: string, event: LiveEventDto) => void;
}

interface Hub {
  session: Session;
  streams: Set<LiveStream>;
  seq: number;
  recent: Array<{ seq: number; event: LiveEventDto }>;
  unsubscribe: () => void;
  folderTimer: NodeJS.Timeout;
  folderDebounce: NodeJS.Timeout | null;
  reconnecting: boolean;
}

const hubs = () => processGlobal('live', () => new Map<string, Hub>());

const idOf = (seq: number) => `${BOOT}-${seq}`;

const isSameFolder = (a: string, b: string) => a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');

/** Whether `stream` is to hear `event`: those of its own folder, and those of no folder. */
const isFor = (stream: LiveStream, event: LiveEventDto) => !('folder' in event) || isSameFolder(event.folder, stream.folder);

function publish(hub: Hub, event: LiveEventDto) {
  const seq = ++hub.seq;
  hub.recent.push({ seq, event });
  if (hub.recent.length > KEEP) hub.recent.shift();
  for (const stream of hub.streams) if (isFor(stream, event)) stream.send(idOf(seq), event);
}

/** Unread and total counts of every folder, a moment after a change or every 30 s. */
async function refreshFolders(hub: Hub) {
  try {
    const folders = await listFolders(hub.session, { all: true, rights: false });
    publish(hub, { type: 'folders', folders: folders.map((f) => ({ path: f.path, total: f.total, unread: f.unread })) });
  } catch {
    // the connection is down: the reconnect publishes fresh counts
  }
}

function scheduleFolderRefresh(hub: Hub) {
  if (hub.folderDebounce) return;
  hub.folderDebounce = setTimeout(() => {
    hub.folderDebounce = null;
    void refreshFolders(hub);
  }, FOLDER_DEBOUNCE_MS);
  hub.folderDebounce.unref();
}

/** The connection dropped (e.g. the IMAP server restarted): reconnect, watch again, resync. */
async function reconnect(hub: Hub) {
  if (hub.reconnecting) return;
  hub.reconnecting = true;
  for (let delay = 500; hubs().get(hub.session.id) === hub; delay = Math.min(delay * 2, 5000)) {
    await new Promise((resolve) => setTimeout(resolve, delay).unref());
    const folders = watchedFolders(hub);
    if (!folders.length) break;
    try {
      await watchFolders(hub.session, folders);
      log.info('live updates resumed', { session: hub.session.id.slice(0, 6) });
      publish(hub, { type: 'resync' });
      void refreshFolders(hub);
      break;
    } catch {
      // still down: try again
    }
  }
  hub.reconnecting = false;
}

/** The folders the streams show, newest stream first: the newest one's is IDLEd on. */
function watchedFolders(hub: Hub): string[] {
  const folders: string[] = [];
  for (const stream of [...hub.streams].reverse()) if (!folders.some((f) => isSameFolder(f, stream.folder))) folders.push(stream.folder);
  return folders;
}

function hubFor(session: Session): Hub {
  const all = hubs();
  let hub = all.get(session.id);
  if (hub) return hub;
  const created: Hub = {
    session,
    streams: new Set(),
    seq: 0,
    recent: [],
    unsubscribe: () => undefined,
    folderTimer: setInterval(() => void refreshFolders(created), FOLDER_REFRESH_MS),
    folderDebounce: null,
    reconnecting: false,
  };
  created.folderTimer.unref();
  created.unsubscribe = onMailEvents(session.id, (event) => {
    if (event.type === 'closed') {
      if (created.streams.size) void reconnect(created);
      return;
    }
    publish(created, toLiveEventDto(event));
    scheduleFolderRefresh(created);
  });
  hub = created;
  all.set(session.id, hub);
  return hub;
}

/**
 * Adds an event stream watching `folder`. Events after `lastEventId` that are still kept are
 * sent first; an id from before that (or from another Wren process) gets `resync` instead.
 * Returns the function that closes the stream.
 */
export async function openLiveStream(session: Session, stream: LiveStream, lastEventId: string | null): Promise<() => void> {
  const hub = hubFor(session);
  hub.streams.add(stream);
  if (lastEventId) {
    const [boot, seqText] = lastEventId.split('-');
    const seq = Number(seqText);
    const oldest = hub.recent[0]?.seq ?? hub.seq + 1;
    if (boot !== BOOT || !Number.isInteger(seq) || seq > hub.seq || seq < oldest - 1) stream.send(idOf(hub.seq), { type: 'resync' });
    else for (const kept of hub.recent) if (kept.seq > seq && isFor(stream, kept.event)) stream.send(idOf(kept.seq), kept.event);
  }
  try {
    await watchFolders(session, watchedFolders(hub));
  } catch (error) {
    hub.streams.delete(stream);
    throw error;
  }
  return () => closeStream(hub, stream);
}

function closeStream(hub: Hub, stream: LiveStream) {
  hub.streams.delete(stream);
  if (hubs().get(hub.session.id) !== hub) return; // dropped at sign-out
  void watchFolders(hub.session, watchedFolders(hub)).catch(() => undefined);
  if (hub.streams.size) return;
  // The last tab went: stop watching. A stream that comes back later gets `resync`.
  dropHub(hub);
}

function dropHub(hub: Hub) {
  clearInterval(hub.folderTimer);
  if (hub.folderDebounce) clearTimeout(hub.folderDebounce);
  hub.unsubscribe();
  if (hubs().get(hub.session.id) === hub) hubs().delete(hub.session.id);
}

// Signed out: the hub must not reconnect (and watch again) with the revoked session.
onSignOut('live', (session) => {
  const hub = hubs().get(session.id);
  if (hub) dropHub(hub);
});
