import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { toUidSet } from '@/lib/selection';
import { processGlobal } from '../../process-global';
import { isRedisStore } from '../../session/redis-store';
import { store as sessionStore } from '../../session/session';
import { onSignOut } from '../../session/sign-out';

/**
 * The whole result set of a search as it was shown, pinned by UID per folder, so that "select
 * all N results" acts on exactly those messages: never only the rows the browser loaded, and
 * never a search run again that would also catch mail arrived since. The browser holds only
 * the token (a random id, valid for its own session only), never the UIDs.
 *
 * Kept in process memory like the row cache and the search cache: bounded per session and in
 * total, for RESULT_SET_TTL_MS after the search last touched it, dropped at sign-out. With
 * several Wren processes (REDIS_URL) a finished set is also shared through Redis
 * (`shareResultSet`), for RESULT_SET_TTL_MS after it was pinned: the action may reach a
 * process other than the one that searched.
 */

export interface PinnedFolder {
  folder: string;
  uidValidity: string;
  /** An IMAP UID set ("3:9,12"). */
  uids: string;
  count: number;
}

export interface PinnedResultSet {
  token: string;
  /** What the search was: a later page of the same search reuses the token. */
  key: string;
  folders: PinnedFolder[];
  at: number;
}

export const RESULT_SET_TTL_MS = 10 * 60_000;
// A session keeps its last few searches (a folder search and an all-folder one side by side).
const PER_SESSION = 4;
const MAX_SESSIONS = 1000;
// A sparse result set of a huge folder spells out as a long UID set: past this, nothing is pinned
// (the UI then offers only the loaded rows) rather than holding megabytes per session.
const MAX_UID_SET_CHARS = 1_000_000;

const store = () => processGlobal('searchResultSets', () => new Map<string, PinnedResultSet[]>());

function sessionSets(sessionId: string): PinnedResultSet[] {
  const all = store();
  const sets = all.get(sessionId) ?? [];
  // Most recently used last in the Map: drop from the front past the cap.
  all.delete(sessionId);
  if (all.size >= MAX_SESSIONS) all.delete(all.keys().next().value!);
  all.set(sessionId, sets);
  return sets;
}

/** One folder's matches as a pinned entry. */
export function pinnedFolder(folder: string, uidValidity: string, uids: ArrayLike<number>): PinnedFolder {
  return { folder, uidValidity, uids: toUidSet(Array.from(uids)), count: uids.length };
}

/**
 * Pins a search's result set and answers its token. The same search (`key`) pinned again with
 * the same folders keeps its token and is refreshed; anything else gets a new token.
 */
export function pinResultSet(sessionId: string, key: string, folders: PinnedFolder[], now = Date.now()): string | null {
  if (folders.reduce((sum, f) => sum + f.uids.length, 0) > MAX_UID_SET_CHARS) return null;
  const sets = sessionSets(sessionId);
  const same = sets.find((s) => s.key === key && sameFolders(s.folders, folders) && now - s.at < RESULT_SET_TTL_MS);
  if (same) {
    same.at = now;
    return same.token;
  }
  const token = randomBytes(18).toString('base64url');
  sets.push({ token, key, folders, at: now });
  while (sets.length > PER_SESSION) sets.shift();
  return token;
}

/** The token of the fresh result set pinned under `key` (refreshed), or null. */
export function tokenFor(sessionId: string, key: string, now = Date.now()): string | null {
  const set = store().get(sessionId)?.findLast((s) => s.key === key && now - s.at < RESULT_SET_TTL_MS);
  if (!set) return null;
  set.at = now;
  return set.token;
}

/** Starts an empty result set that a streaming search fills folder by folder (`addToResultSet`). */
export function openResultSet(sessionId: string, key: string, now = Date.now()): string {
  const sets = sessionSets(sessionId);
  const token = randomBytes(18).toString('base64url');
  sets.push({ token, key, folders: [], at: now });
  while (sets.length > PER_SESSION) sets.shift();
  return token;
}

/** Adds one folder's matches to an open result set; false when it is gone or would grow too large. */
export function addToResultSet(sessionId: string, token: string, folder: PinnedFolder): boolean {
  const set = store().get(sessionId)?.find((s) => s.token === token);
  if (!set) return false;
  if (set.folders.reduce((sum, f) => sum + f.uids.length, folder.uids.length) > MAX_UID_SET_CHARS) {
    dropResultSet(sessionId, token);
    return false;
  }
  set.folders.push(folder);
  return true;
}

/** The pinned result set `token` of this session, or null when unknown or expired. */
export function pinnedResultSet(sessionId: string, token: string, now = Date.now()): PinnedResultSet | null {
  const set = store().get(sessionId)?.find((s) => s.token === token);
  return set && now - set.at < RESULT_SET_TTL_MS ? set : null;
}

export function dropResultSet(sessionId: string, token: string) {
  const sets = store().get(sessionId);
  if (!sets) return;
  const index = sets.findIndex((s) => s.token === token);
  if (index >= 0) sets.splice(index, 1);
}

export function forgetResultSets(sessionId: string) {
  store().delete(sessionId);
}

function sharedKey(sessionId: string, token: string): string {
  return `results:${createHash('sha256').update(sessionId).digest('hex').slice(0, 32)}:${token}`;
}

/** Shares a finished result set with the other Wren processes (Redis); nothing to do with one process. */
export async function shareResultSet(sessionId: string, token: string): Promise<void> {
  const shared = sessionStore();
  const set = pinnedResultSet(sessionId, token);
  if (!set || !isRedisStore(shared)) return;
  await shared.put(sharedKey(sessionId, token), JSON.stringify(set), RESULT_SET_TTL_MS / 1000);
}

/** The result set `token` as this process pinned it, or as another one shared it; null when unknown or expired. */
export async function findResultSet(sessionId: string, token: string, now = Date.now()): Promise<PinnedResultSet | null> {
  const local = pinnedResultSet(sessionId, token, now);
  if (local) return local;
  const shared = sessionStore();
  if (!isRedisStore(shared)) return null;
  const raw = await shared.read(sharedKey(sessionId, token));
  return raw ? (JSON.parse(raw) as PinnedResultSet) : null;
}

function sameFolders(a: PinnedFolder[], b: PinnedFolder[]): boolean {
  return a.length === b.length && a.every((f, i) => f.folder === b[i].folder && f.uidValidity === b[i].uidValidity && f.uids === b[i].uids);
}

onSignOut('search-result-sets', (session) => forgetResultSets(session.id));
