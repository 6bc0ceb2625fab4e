import 'server-only';
import { sealData, unsealData } from 'iron-session';
import { env } from '../env';
import { processGlobal } from '../process-global';
import { onShutdown } from '../shutdown';
import { decryptSecret, encryptSecret, newSessionSecrets } from './crypto';
import { isRedisStore, RedisSessionStore } from './redis-store';
import { MemorySessionStore, type SessionStore } from './store';

export const SESSION_COOKIE = 'wren_session';

/** A signed-in user as route handlers see it. `key` unseals the password; never log it. */
export interface Session {
  id: string;
  username: string;
  key: string;
  sealedPassword: string;
  /** Where the user signed in from, when known. */
  ip?: string;
  /** When the session ends at the latest (ms since the epoch), when known. */
  expiresAt?: number;
  /** The language setting and the browser's time zone (SessionRecord); absent until known. */
  language?: string;
  timeZone?: string;
}

interface CookiePayload {
  sid: string;
  key: string;
}

/** One store per process, shared across hot reloads and duplicate module graphs. */
export function store(): SessionStore {
  return processGlobal<SessionStore>('sessions', () => {
    const url = env().REDIS_URL;
    return url ? new RedisSessionStore(url) : new MemorySessionStore();
  });
}

// At shutdown, after the requests and the IMAP connections: Redis is told goodbye (QUIT).
onShutdown('session-store', 'store', async () => {
  const current = store();
  if (isRedisStore(current)) await current.close();
});

/**
 * A new session: `stored` when the store has it, `cookie` the sealed value that names it.
 * Sealing (WebCrypto, a few ms) runs while the caller logs in to IMAP.
 */
export function startSession(
  username: string,
  password: string,
  ip?: string,
  prefs: { timeZone?: string } = {},
): { session: Session; stored: Promise<void>; cookie: Promise<string> } {
  const { id, key } = newSessionSecrets();
  const now = Date.now();
  const sealedPassword = encryptSecret(password, key);
  const timeZone = prefs.timeZone;
  const stored = store().set({ id, username, sealedPassword, ip, createdAt: now, expiresAt: now + env().SESSION_TTL * 1000, ...(timeZone ? { timeZone } : {}) });
  const cookie = sealData({ sid: id, key } satisfies CookiePayload, { password: env().SESSION_SECRET, ttl: env().SESSION_TTL });
  // Known unsealed from the start: the first request after sign-in (the mail page) does not
  // unseal it again. Awaited by the caller only on success: a rejection must not go unhandled.
  cookie.then((value) => rememberUnsealed(value, { sid: id, key }, now), () => undefined);
  return { session: { id, username, key, sealedPassword, ip, expiresAt: now + env().SESSION_TTL * 1000, ...(timeZone ? { timeZone } : {}) }, stored, cookie };
}

/** Stores a new session and returns the sealed cookie value that names it. */
export async function createSession(username: string, password: string, ip?: string): Promise<{ session: Session; cookie: string }> {
  const started = startSession(username, password, ip);
  await started.stored;
  return { session: started.session, cookie: await started.cookie };
}

/*
 * Unsealing (iron: two PBKDF2 derivations, AES and an HMAC through WebCrypto) cost 1.7 ms of
 * every request. A cookie already unsealed is remembered for a minute: the result of unsealing
 * the same string cannot change, and revocation does not depend on it (the store is still read
 * on every request, and sign-out deletes the record there).
 */
const UNSEALED_TTL_MS = 60_000;
const UNSEALED_MAX = 10_000;
const unsealed = processGlobal('unsealed-cookies', () => new Map<string, { payload: CookiePayload; until: number }>());

async function unsealCookie(cookieValue: string): Promise<CookiePayload | null> {
  const now = Date.now();
  const known = unsealed.get(cookieValue);
  if (known && known.until > now) return known.payload;
  let payload: Partial<CookiePayload>;
  try {
    payload = await unsealData<Partial<CookiePayload>>(cookieValue, {
      password: env().SESSION_SECRET,
      ttl: env().SESSION_TTL,
    });
  } catch {
    return null;
  }
  if (typeof payload.sid !== 'string' || typeof payload.key !== 'string') return null;
  const valid = { sid: payload.sid, key: payload.key };
  rememberUnsealed(cookieValue, valid, now);
  return valid;
}

function rememberUnsealed(cookieValue: string, payload: CookiePayload, now: number) {
  unsealed.delete(cookieValue);
  // Oldest first out: a Map iterates in insertion order.
  if (unsealed.size >= UNSEALED_MAX) unsealed.delete(unsealed.keys().next().value!);
  unsealed.set(cookieValue, { payload, until: now + UNSEALED_TTL_MS });
}

/** Whether `cookieValue` is remembered unsealed (tests: a new session's cookie is, from the start). */
export function isKnownUnsealed(cookieValue: string): boolean {
  return (unsealed.get(cookieValue)?.until ?? 0) > Date.now();
}

/** The session a sealed cookie names, or null when it is missing, forged, expired or revoked. */
export async function loadSession(cookieValue: string | undefined): Promise<Session | null> {
  if (!cookieValue) return null;
  const payload = await unsealCookie(cookieValue);
  if (!payload) return null;
  const record = await store().get(payload.sid);
  if (!record) return null;
  return {
    id: record.id,
    username: record.username,
    key: payload.key,
    sealedPassword: record.sealedPassword,
    ip: record.ip,
    expiresAt: record.expiresAt,
    language: record.language,
    timeZone: record.timeZone,
  };
}

/**
 * Keeps the user's language setting in the session's record (at sign-in, and when the settings
 * are saved), so each request knows its language without reading the mail server's METADATA.
 */
export async function rememberLanguage(session: Session, language: string): Promise<void> {
  session.language = language;
  const record = await store().get(session.id);
  if (record && record.language !== language) await store().set({ ...record, language });
}

/** Revokes the session on the server: its cookie is worthless afterwards. */
export async function destroySession(id: string): Promise<void> {
  await store().delete(id);
}

/** The IMAP credentials, unsealed just long enough to log in. */
export function sessionCredentials(session: Session): { user: string; pass: string } {
  return { user: session.username, pass: decryptSecret(session.sealedPassword, session.key) };
}

export function sessionCookieHeader(value: string, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${env().SESSION_TTL}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookieHeader(secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0'];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
