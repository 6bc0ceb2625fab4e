import 'server-only';
import { env } from '../env';
import { log } from '../log';
import { processGlobal } from '../process-global';
import type { Session } from '../session/session';
import { onSignOut } from '../session/sign-out';
import { noteStatus } from './events';
import { connectionsOfUser, logoutQuietly, openWatcher, withClient } from './pool';
import { entryKey, registry } from './registry';

/**
 * Watching several folders on a server without NOTIFY (RFC 5465). IDLE hears only the selected
 * folder, so each further folder a tab shows gets a `watch` connection of its own that IDLEs on
 * it, newest tabs first, as long as the user's connections stay within
 * IMAP_MAX_CONNECTIONS_PER_USER with one left for the search lane (by default: the main
 * connection, two watchers, the search lane). Folders beyond that are polled with STATUS on the
 * main connection every POLL_MS. Why not poll them all: to hear a change within a second,
 * STATUS would have to go every few hundred ms per folder, each one breaking the main
 * connection's IDLE; a connection that IDLEs costs the server nothing until something changes.
 * Watch connections give way first when the user needs a connection for real work (pool.ts),
 * and their folders are then polled until a connection is free again.
 */

const POLL_MS = 2000;

interface Watching {
  session: Session;
  /** The folders to watch here (the main connection's own is not among them), newest first. */
  paths: string[];
  polled: string[];
  timer: NodeJS.Timeout;
  busy: boolean;
}

const watching = () => processGlobal('imapWatchers', () => new Map<string, Watching>());

const isWatching = (sessionId: string, path: string) => !!registry().entries.get(entryKey(sessionId, 'watch', path))?.client?.usable;

function watcherPaths(sessionId: string): string[] {
  const paths: string[] = [];
  for (const entry of registry().entries.values()) if (entry.sessionId === sessionId && entry.lane === 'watch' && entry.watchPath) paths.push(entry.watchPath);
  return paths;
}

function closeWatcher(sessionId: string, path: string) {
  const reg = registry();
  const key = entryKey(sessionId, 'watch', path);
  const entry = reg.entries.get(key);
  reg.entries.delete(key);
  if (entry?.client) void logoutQuietly(entry.client);
}

/** Connections the user may still open for watching, one kept for the session's search lane. */
function spareConnections(session: Session): number {
  const searchOpen = !!registry().entries.get(entryKey(session.id, 'search'))?.client;
  return env().IMAP_MAX_CONNECTIONS_PER_USER - connectionsOfUser(session.username) - (searchOpen ? 0 : 1);
}

/** Opens or closes watch connections to match `state.paths`; what does not fit is polled. */
async function arrange(state: Watching) {
  const { session, paths } = state;
  for (const path of watcherPaths(session.id)) if (!paths.includes(path)) closeWatcher(session.id, path);
  const polled: string[] = [];
  for (const path of paths) {
    if (isWatching(session.id, path)) continue;
    if (spareConnections(session) > 0) {
      try {
        await openWatcher(session, path);
        continue;
      } catch (error) {
        log.info('cannot open a watch connection; polling instead', { session: session.id.slice(0, 6), error: String(error) });
        closeWatcher(session.id, path);
      }
    }
    polled.push(path);
  }
  state.polled = polled;
}

async function tick(state: Watching) {
  if (state.busy) return;
  state.busy = true;
  try {
    await arrange(state);
    for (const path of state.polled) {
      const status = await withClient(state.session, (client) => client.status(path, { messages: true, uidNext: true, highestModseq: true }));
      if (status) noteStatus(state.session.id, { path, messages: status.messages, uidNext: status.uidNext, highestModseq: status.highestModseq?.toString() }, true);
    }
  } catch {
    // the connection is down: the next tick tries again, the hub resyncs after reconnecting
  } finally {
    state.busy = false;
  }
}

/**
 * Watches `paths` (newest first) beside the main connection's folder, on a server without
 * NOTIFY; an empty list stops. Resolves once the watch connections are open.
 */
export async function syncWatchers(session: Session, paths: string[]): Promise<void> {
  const all = watching();
  let state = all.get(session.id);
  if (!paths.length) return stopWatchers(session.id);
  if (!state) {
    const timer = setInterval(() => void tick(created), POLL_MS);
    timer.unref();
    const created: Watching = { session, paths, polled: [], timer, busy: false };
    state = created;
    all.set(session.id, state);
  }
  state.paths = paths;
  await arrange(state);
  // A first STATUS of each polled folder, so the next one can tell a change.
  void tick(state);
}

/** Closes the session's watch connections and stops polling. */
export function stopWatchers(sessionId: string) {
  const state = watching().get(sessionId);
  if (state) clearInterval(state.timer);
  watching().delete(sessionId);
  for (const path of watcherPaths(sessionId)) closeWatcher(sessionId, path);
}

// Signed out: no more polling or watching with the session's credentials.
onSignOut('imap-watchers', (session) => stopWatchers(session.id));
