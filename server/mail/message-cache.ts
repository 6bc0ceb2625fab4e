import 'server-only';
import type { MessageDto } from '@/lib/types';
import { env } from '../env';
import { incrementCounter } from '../metrics';
import { processGlobal } from '../process-global';
import type { Session } from '../session/session';
import { onSignOut } from '../session/sign-out';

/**
 * Messages as they were shown: the open message's DTO, its body sanitized, so opening it again
 * costs one `UID FETCH (FLAGS)` instead of the header FETCHes, the body part and the sanitizer.
 * A message never changes under its UIDVALIDITY and UID (IMAP cannot edit one; an edited draft
 * comes back under a new UID), so an entry never goes stale; the flags do change, and are read
 * on every open.
 *
 * Keyed by session, folder, UIDVALIDITY and UID (and the view: the part chosen to show is
 * recorded in the entry, chosen from the message's structure, which never changes either). Per
 * session, not per user: a shown HTML body holds image-proxy URLs signed with the session's
 * key (image-proxy.ts), which another session of the same user would refuse, and a session's
 * entries go with it at sign-out without touching the user's other devices. Entries of one
 * session are never read by another: the key starts with its id, and the username is checked
 * too. Nothing secret is kept: the DTO the browser got (signatures, never the key).
 *
 * A folder deleted and made again gets a new UIDVALIDITY: an id minted before names nothing
 * (message-access.ts answers 404 before the cache is asked), and the new folder's messages
 * have keys of their own. The entries of the old one are dropped when the session keeps one of
 * the new (or leave by age).
 *
 * Bounded in bytes per process (MESSAGE_CACHE_BYTES, 32 MB by default), least recently opened
 * first out; an entry over an eighth of the budget is not kept. Sizes are the DTO's JSON at 2
 * bytes a character (what V8 holds at most for a string), plus a fixed overhead per entry.
 */

/** What is kept: the DTO without what changes (flags), and whether to ask about images again. */
export interface CachedMessage {
  username: string;
  message: Omit<MessageDto, 'seen' | 'flagged' | 'answered'>;
  /** The body part shown (null: none). */
  part: string | null;
  bytes: number;
}

interface Cache {
  entries: Map<string, CachedMessage>;
  bytes: number;
}

const ENTRY_OVERHEAD = 512;

const cache = () => processGlobal<Cache>('messageCache', () => ({ entries: new Map(), bytes: 0 }));
const folderPrefix = (sessionId: string, path: string) => `${sessionId}\0${path}\0`;
const keyOf = (sessionId: string, path: string, uidValidity: string, uid: number) => `${folderPrefix(sessionId, path)}${uidValidity}\0${uid}\0shown`;

function drop(c: Cache, key: string) {
  const entry = c.entries.get(key);
  if (!entry) return;
  c.entries.delete(key);
  c.bytes -= entry.bytes;
}

/** The shown message, when this session opened it before (marked as used now); counts hits and misses. */
export function cachedMessage(session: Session, path: string, uidValidity: string, uid: number): CachedMessage | undefined {
  const c = cache();
  const key = keyOf(session.id, path, uidValidity, uid);
  const entry = c.entries.get(key);
  const hit = entry !== undefined && entry.username === session.username;
  incrementCounter('wren_message_cache_total', 'Message opens answered from the cache of shown messages (hit) or made afresh (miss)', { outcome: hit ? 'hit' : 'miss' });
  if (!hit) return undefined;
  c.entries.delete(key);
  c.entries.set(key, entry);
  return entry;
}

/** Keeps a shown message (its flags left out), evicting the least recently opened past the budget. */
export function rememberMessage(session: Session, path: string, uidValidity: string, uid: number, message: MessageDto, part: string | null): void {
  const budget = env().MESSAGE_CACHE_BYTES;
  const fixed: CachedMessage['message'] = { ...message };
  for (const flag of ['seen', 'flagged', 'answered'] as const) delete (fixed as Partial<MessageDto>)[flag];
  // "Always show images from this sender" is the user's to change: read again on each open.
  if (fixed.body.kind === 'html') fixed.body = { ...fixed.body, imagesAlways: false };
  const bytes = JSON.stringify(fixed).length * 2 + ENTRY_OVERHEAD;
  if (bytes > budget / 8) return;
  const c = cache();
  const key = keyOf(session.id, path, uidValidity, uid);
  drop(c, key);
  forgetOtherGenerations(session, path, uidValidity);
  c.entries.set(key, { username: session.username, message: fixed, part, bytes });
  c.bytes += bytes;
  for (const old of c.entries.keys()) {
    if (c.bytes <= budget) break;
    drop(c, old);
    incrementCounter('wren_message_cache_evictions_total', 'Shown messages dropped from the cache to stay within MESSAGE_CACHE_BYTES');
  }
}

/** Drops the session's entries of `path` under any UIDVALIDITY but `current` (the folder was made again). */
function forgetOtherGenerations(session: Session, path: string, current: string): void {
  const c = cache();
  const prefix = folderPrefix(session.id, path);
  const keep = `${prefix}${current}\0`;
  for (const key of c.entries.keys()) if (key.startsWith(prefix) && !key.startsWith(keep)) drop(c, key);
}

/** Drops every entry of the session (sign-out). */
export function forgetSession(sessionId: string): void {
  const c = cache();
  const prefix = `${sessionId}\0`;
  for (const key of c.entries.keys()) if (key.startsWith(prefix)) drop(c, key);
}

export function messageCacheStats(): { entries: number; bytes: number } {
  const c = cache();
  return { entries: c.entries.size, bytes: c.bytes };
}

onSignOut('message-cache', (session) => forgetSession(session.id));
