import 'server-only';
import { randomBytes } from 'node:crypto';
import type { LiveEventDto } from '@/lib/types';
import { onMailEvents } from '../imap/events';
import { watchFolder } from '../imap/watch';
import { log } from '../log';
import { processGlobal } from '../process-global';
import type { Session } from '../session/session';
import { toLiveEventDto } from './dto/mappers';
import { listFolders } from './folders';

/**
 * Live updates per session: the session's main IMAP connection IDLEs on the watched folder
 * (server/imap/watch.ts and idle.ts), and what it hears goes to every open event stream of the session (all its tabs
 * share the one connection). Events are numbered and the last ones kept, so a stream that
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

function publish(hub: Hub, event: LiveEventDto) {
  const seq = ++hub.seq;
  hub.recent.push({ seq, event });
  if (hub.recent.length > KEEP) hub.recent.shift();
  for (const stream of hub.streams) stream.send(idOf(seq), event);
}

/** Unread and total counts of every folder, a moment after a change or every 30 s. */
async function refreshFolders(hub: Hub) {
  try {
    const folders = await listFolders(hub.session, { all: true });
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
    const folder = watchedFolder(hub);
    if (!folder) break;
    try {
      await watchFolder(hub.session, folder);
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

/** The newest stream's folder is the one the connection IDLEs on. */
function watchedFolder(hub: Hub): string | null {
  return [...hub.streams].at(-1)?.folder ?? null;
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
    else for (const kept of hub.recent) if (kept.seq > seq) stream.send(idOf(kept.seq), kept.event);
  }
  try {
    await watchFolder(session, stream.folder);
  } catch (error) {
    hub.streams.delete(stream);
    throw error;
  }
  return () => closeStream(hub, stream);
}

function closeStream(hub: Hub, stream: LiveStream) {
  hub.streams.delete(stream);
  const folder = watchedFolder(hub);
  void watchFolder(hub.session, folder).catch(() => undefined);
  if (hub.streams.size) return;
  // The last tab went: stop watching. A stream that comes back later gets `resync`.
  clearInterval(hub.folderTimer);
  if (hub.folderDebounce) clearTimeout(hub.folderDebounce);
  hub.unsubscribe();
  hubs().delete(hub.session.id);
}
