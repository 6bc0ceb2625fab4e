import 'server-only';
import { processGlobal } from '../../process-global';
import { onSignOut } from '../../session/sign-out';

/**
 * The last folder search of each session, so that scrolling through results costs one FETCH per
 * page instead of the whole SEARCH again (a body search of a large folder takes seconds). An
 * entry is used only while the folder has the same UIDVALIDITY, message count and next UID,
 * and for at most a minute.
 */

export interface CachedSearch {
  key: string;
  uids: Uint32Array;
  at: number;
}

const TTL_MS = 60_000;
const MAX_SESSIONS = 1000;

const cache = () => processGlobal('searchCache', () => new Map<string, CachedSearch>());

export function cachedUids(sessionId: string, key: string, now = Date.now()): Uint32Array | null {
  const entry = cache().get(sessionId);
  return entry && entry.key === key && now - entry.at < TTL_MS ? entry.uids : null;
}

export function cacheUids(sessionId: string, key: string, uids: number[]) {
  const all = cache();
  all.delete(sessionId);
  // Oldest first in a Map: drop from the front past the cap.
  if (all.size >= MAX_SESSIONS) all.delete(all.keys().next().value!);
  all.set(sessionId, { key, uids: Uint32Array.from(uids), at: Date.now() });
}

export function forgetSearches(sessionId: string) {
  cache().delete(sessionId);
}

onSignOut('search-cache', (session) => forgetSearches(session.id));
