import 'server-only';
import { processGlobal } from '../../process-global';
import { onSignOut } from '../../session/sign-out';

/**
 * The UIDs of a folder in a chosen order (UID SORT), kept per session so that scrolling a sorted
 * list costs one FETCH of a window per page, not the SORT again (a SORT answers every UID of the
 * folder: 100,000 numbers in a large one). An entry is used only while its key holds: the folder,
 * the order, UIDVALIDITY, the message count and UIDNEXT (and HIGHESTMODSEQ where \Deleted
 * messages are hidden), so mail that arrived or left since makes a fresh SORT. A sort key never
 * changes for a message that stays (date, sender, subject and size are fixed), so flag changes
 * keep the entry. Each session keeps its last few orders, for ten minutes at most.
 */

interface Entry {
  key: string;
  uids: Uint32Array;
  at: number;
}

const TTL_MS = 10 * 60_000;
const PER_SESSION = 4;
const MAX_SESSIONS = 500;

const cache = () => processGlobal('sortCache', () => new Map<string, Entry[]>());

/** The cached order for `key`, or null. */
export function cachedSort(sessionId: string, key: string, now = Date.now()): Uint32Array | null {
  const entry = cache().get(sessionId)?.find((e) => e.key === key);
  return entry && now - entry.at < TTL_MS ? entry.uids : null;
}

export function cacheSort(sessionId: string, key: string, uids: number[]): Uint32Array {
  const all = cache();
  const mine = (all.get(sessionId) ?? []).filter((e) => e.key !== key);
  const stored = Uint32Array.from(uids);
  mine.unshift({ key, uids: stored, at: Date.now() });
  all.delete(sessionId);
  // Oldest session first in a Map: drop from the front past the cap.
  if (all.size >= MAX_SESSIONS) all.delete(all.keys().next().value!);
  all.set(sessionId, mine.slice(0, PER_SESSION));
  return stored;
}

export function forgetSorts(sessionId: string) {
  cache().delete(sessionId);
}

onSignOut('sort-cache', (session) => forgetSorts(session.id));
