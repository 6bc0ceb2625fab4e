import 'server-only';
import { ImapFlow, type MailboxObject } from 'imapflow';
import { env } from '../env';
import { AppError } from '../errors';
import { log } from '../log';
import { describeTlsFailure, trustedCertificates } from '../tls.mjs';
import { onShutdown, onShutdownBusy } from '../shutdown';
import { processGlobal } from '../process-global';
import { sessionCredentials, type Session } from '../session/session';
import { imapClientOptions, SOCKET_TIMEOUT_MS } from './client-options.mjs';
import { isConnectionError, isConnectionLimitError, toAppError } from './errors';
import { emitMailEvent, forwardMailEvents } from './events';
import { forgetFolderMarks } from './folder-marks';
import { isIdling, resumeIdle } from './idle';
import { entryKey, registry, type Entry, type Lane, type Registry } from './registry';

export type { Lane };

/**
 * The one place that creates and holds ImapFlow instances: one connection per session and lane
 * (registry.ts), connected lazily and once under concurrency, reused across requests, evicted
 * when it closes or fails, logged out when idle, capped in all and per user.
 */

function createClient(session: Session): ImapFlow {
  const config = env();
  return new ImapFlow(
    imapClientOptions({
      host: config.IMAP_HOST,
      port: config.IMAP_PORT,
      tls: config.IMAP_TLS,
      auth: sessionCredentials(session),
      originatingIp: session.ip,
      ca: trustedCertificates(config.IMAP_CA, 'IMAP_CA'),
    }),
  );
}

function openConnections(reg: Registry): number {
  let count = 0;
  for (const entry of reg.entries.values()) if (entry.client || entry.connecting) count++;
  return count;
}

function evict(entry: Entry, client: ImapFlow) {
  if (entry.client === client) entry.client = null;
  client.removeAllListeners();
  client.on('error', () => {});
  client.close();
}

async function acquire(session: Session, lane: Lane, slot = '', onlyIfConnected = false): Promise<{ entry: Entry; client: ImapFlow }> {
  const reg = registry();
  startReaper(reg);
  const key = entryKey(session.id, lane, slot);
  let entry = reg.entries.get(key);
  // Background work rides on a live connection only: never a login (nor after a sign-out).
  if (onlyIfConnected && !entry?.client?.usable) throw new AppError('cancelled');
  if (!entry) {
    entry = { sessionId: session.id, lane, username: session.username, watchPath: null, client: null, connecting: null, lastUsed: Date.now(), active: 0 };
    reg.entries.set(key, entry);
  }
  if (entry.client?.usable) return { entry, client: entry.client };
  if (entry.client) evict(entry, entry.client);
  // Logged out for shutdown: a late request (a page on a kept-alive connection) opens no new one.
  if (reg.closed) throw new AppError('shutting_down');
  if (!entry.connecting) {
    if (openConnections(reg) >= env().IMAP_MAX_CONNECTIONS) throw new AppError('pool_full');
    entry.connecting = connect(entry, session).finally(() => {
      entry.connecting = null;
    });
  }
  // Concurrent first requests share one pending connection: one login per session.
  return { entry, client: await entry.connecting };
}

async function connect(entry: Entry, session: Session): Promise<ImapFlow> {
  // Stay within Wren's share of the user's connections: the longest-idle session gives way.
  if (userConnections(entry) >= env().IMAP_MAX_CONNECTIONS_PER_USER) await closeIdleSibling(entry);
  try {
    return await connectOnce(entry, session);
  } catch (error) {
    // The server caps connections per user (Dovecot: 10 per user and IP). Sessions of the
    // same user on other devices share that budget: give up the one unused the longest.
    if (!isConnectionLimitError((error as AppError).cause) || !(await closeIdleSibling(entry))) throw error;
    return connectOnce(entry, session);
  }
}

function userConnections(entry: Entry): number {
  let count = 0;
  for (const other of registry().entries.values()) if (other !== entry && other.username === entry.username && other.client) count++;
  return count;
}

/** How many connections Wren holds (or is opening) for `username`. */
export function connectionsOfUser(username: string): number {
  let count = 0;
  for (const entry of registry().entries.values()) if (entry.username === username && (entry.client || entry.connecting)) count++;
  return count;
}

async function closeIdleSibling(entry: Entry): Promise<boolean> {
  const reg = registry();
  let oldest: Entry | null = null;
  for (const other of reg.entries.values()) {
    if (other === entry || other.username !== entry.username || !other.client || other.active > 0) continue;
    // Watch connections give way first: their folders fall back to polling (watchers.ts).
    const before = oldest && (other.lane === 'watch') === (oldest.lane === 'watch') ? other.lastUsed < oldest.lastUsed : other.lane === 'watch';
    if (!oldest || before) oldest = other;
  }
  if (!oldest?.client) return false;
  const client = oldest.client;
  oldest.client = null;
  if (oldest.lane === 'watch') reg.entries.delete(entryKey(oldest.sessionId, 'watch', oldest.watchPath ?? ''));
  // The push watch stops with it, and starts again with the user's next sign-in or reconnect.
  if (oldest.lane === 'push') reg.entries.delete(entryKey(oldest.sessionId, 'push'));
  log.info('closing idle connection of the same user to stay under the server limit', { session: oldest.sessionId.slice(0, 6) });
  await logoutQuietly(client);
  return true;
}

async function connectOnce(entry: Entry, session: Session): Promise<ImapFlow> {
  const client = createClient(session);
  // An ImapFlow is single-use: once closed or failed it is dropped and the next request
  // connects afresh (e.g. after the IMAP server restarted).
  client.on('error', (err: Error & { code?: string }) => {
    log.warn('imap connection error', { session: entry.sessionId.slice(0, 6), code: err.code });
    evict(entry, client);
  });
  client.on('close', () => {
    if (entry.client === client) entry.client = null;
    if (entry.lane === 'main') emitMailEvent(entry.sessionId, { type: 'closed' });
  });
  // The main connection and the watch connections hear changes for the session's tabs; the search
  // lane selects only to search, and the push lane's changes go to the push watch alone.
  if (entry.lane === 'main' || entry.lane === 'watch') forwardMailEvents(entry.sessionId, client);
  try {
    await client.connect();
  } catch (error) {
    client.close();
    // A certificate Wren does not accept is the administrator's to fix: the log says which.
    const tls = describeTlsFailure(error, 'IMAP');
    if (tls) log.warn('imap tls refused', { session: entry.sessionId.slice(0, 6), reason: tls.reason, tlsCode: tls.tlsCode });
    throw toAppError(error);
  }
  entry.client = client;
  if (entry.lane === 'main') for (const [name, hook] of connectHooks()) runConnectHook(name, hook, session);
  return client;
}

type ConnectHook = (session: Session) => void;
const connectHooks = () => processGlobal('imap-connect-hooks', () => new Map<string, ConnectHook>());

function runConnectHook(name: string, hook: ConnectHook, session: Session) {
  try {
    hook(session);
  } catch (error) {
    log.warn('connect hook failed', { name, error: String(error) });
  }
}

/**
 * Calls `hook` each time a session's main connection is made (a sign-in, the first request after
 * a restart or after the connection was lost), for a higher layer that acts on a live session
 * (the push IDLE watch, server/mail/push/idle-watch.ts). It must not wait on the connection.
 */
export function onMainConnected(name: string, hook: ConnectHook): void {
  connectHooks().set(name, hook);
}

export interface ClientOptions {
  /** False for commands that must not run twice (default true: retried once after a lost connection). */
  retry?: boolean;
  /** 'search' for long work that must not hold up the session's other requests. */
  lane?: Lane;
  /**
   * Aborting stops the work: IMAP cannot cancel a running command, so the lane's connection is
   * closed (the next request on it reconnects). Only for the search lane.
   */
  signal?: AbortSignal;
  /** Only on the session's connection as it is: never connects (background work; 'cancelled' otherwise). */
  onlyIfConnected?: boolean;
  /**
   * The request's own signal (withMailbox): a request whose client went away while it waited for
   * the mailbox gives its turn away ('cancelled') before sending a command. Unlike `signal`, the
   * connection stays: the session's other requests are on it.
   */
  dropped?: AbortSignal;
}

/**
 * Runs `fn` with the session's pooled connection, connecting on first use. A request that
 * failed because the connection had gone away is retried once on a fresh connection unless
 * `retry` is false (for commands that must not run twice).
 */
export async function withClient<T>(session: Session, fn: (client: ImapFlow) => Promise<T>, opts: ClientOptions = {}): Promise<T> {
  const retry = opts.retry ?? true;
  const { signal } = opts;
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw new AppError('cancelled');
    const reg = registry();
    reg.connectWaits++;
    const { entry, client } = await acquire(session, opts.lane ?? 'main', '', opts.onlyIfConnected).finally(() => void reg.connectWaits--);
    const onAbort = () => evict(entry, client);
    signal?.addEventListener('abort', onAbort, { once: true });
    entry.active++;
    try {
      return await fn(client);
    } catch (error) {
      if (signal?.aborted) throw new AppError('cancelled');
      if (isConnectionError(error) || !client.usable) {
        evict(entry, client);
        if (retry && attempt === 0) continue;
      }
      throw toAppError(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      entry.active--;
      entry.lastUsed = Date.now();
      if (entry.active === 0 && entry.watchPath && entry.client === client) void resumeIdle(entry, client);
    }
  }
}

/**
 * Runs `fn` with `path` selected and locked on the session's connection. A mailbox that was
 * already selected is refreshed with NOOP first: the connection IDLEs only while a live stream
 * watches that folder, so the user may act on messages it has not been told about yet (seen
 * through the session's other connection, or delivered since); the server ignores a UID it has
 * not announced.
 */
export async function withMailbox<T>(
  session: Session,
  path: string,
  fn: (client: ImapFlow, mailbox: MailboxObject) => Promise<T>,
  opts: ClientOptions & {
    reselect?: boolean;
    /**
     * False: no NOOP when the folder is already selected (one round trip less), for `fn` whose
     * first command is a UID command on a message this connection has been told about: the server
     * sends its pending EXPUNGE/VANISHED, EXISTS and flag changes with that command's answer
     * (RFC 3501 7.4.1, RFC 9051 7.5.1), and `fn` must tell a message expunged meanwhile itself
     * (Dovecot still answers its FETCH, with NIL sections). Never for a UID the user may have
     * learned elsewhere: a message delivered since the last sync is not in this connection's view.
     */
    catchUp?: boolean;
  } = {},
): Promise<T> {
  return withClient(
    session,
    async (client) => {
      const wasSelected = client.mailbox && client.mailbox.path === path;
      const lock = await client.getMailboxLock(path);
      try {
        if (opts.dropped?.aborted) throw new AppError('cancelled');
        // NOOP does not tell that the folder was deleted and created again under the same name
        // (a new UIDVALIDITY): a catch-up selects it afresh, under its own lock (another
        // request's mailbox must never be closed under it).
        if (wasSelected && opts.reselect) {
          await client.mailboxClose();
          await client.mailboxOpen(path);
        } else if (wasSelected && opts.catchUp !== false) await client.noop();
        const mailbox = client.mailbox;
        if (!mailbox) throw new AppError('not_found', { key: 'folderDoesNotExist' });
        return await fn(client, mailbox);
      } finally {
        lock.release();
      }
    },
    opts,
  );
}

/** Logs out and forgets the session's connections (sign-out). */
export async function closeSession(sessionId: string): Promise<void> {
  const reg = registry();
  const entries = [...reg.entries].filter(([, entry]) => entry.sessionId === sessionId);
  forgetFolderMarks(sessionId);
  await Promise.all(
    entries.map(async ([key, entry]) => {
      reg.entries.delete(key);
      const client = entry.client ?? (await entry.connecting?.catch(() => null));
      if (client) await logoutQuietly(client);
    }),
  );
}

/**
 * Opens (or keeps) a watch connection of the session that IDLEs on `path`, for a server without
 * NOTIFY (server/imap/watchers.ts decides which folders get one, within the per-user cap).
 */
export async function openWatcher(session: Session, path: string): Promise<void> {
  const { entry, client } = await acquire(session, 'watch', path);
  entry.watchPath = path;
  entry.lastUsed = Date.now();
  if (entry.active === 0) await resumeIdle(entry, client);
}

/**
 * Opens (or keeps) the session's push connection: IDLE on INBOX, `onExists` called with each
 * EXISTS it hears and `onClose` once when it closes (server/mail/push/idle-watch.ts). Work on it
 * goes through withClient(session, fn, { lane: 'push' }); IDLE resumes afterwards.
 */
export async function openPushConnection(session: Session, onExists: () => void, onClose: () => void): Promise<void> {
  const { entry, client } = await acquire(session, 'push');
  if (!pushListened.has(client)) {
    pushListened.add(client);
    client.on('exists', (d: { path: string }) => {
      if (d.path.toUpperCase() === 'INBOX') onExists();
    });
    client.once('close', onClose);
  }
  entry.watchPath = 'INBOX';
  entry.lastUsed = Date.now();
  if (entry.active === 0) await resumeIdle(entry, client);
}
const pushListened = new WeakSet<ImapFlow>();

/** Logs out the session's push connection, if it has one. */
export function closePushConnection(sessionId: string): void {
  const reg = registry();
  const key = entryKey(sessionId, 'push');
  const entry = reg.entries.get(key);
  reg.entries.delete(key);
  if (entry?.client) void logoutQuietly(entry.client);
}

/** Logs out, giving up after 2 s, and closes the socket either way. */
export async function logoutQuietly(client: ImapFlow) {
  try {
    await Promise.race([client.logout(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  } catch {
    // already gone
  } finally {
    client.close();
  }
}

/**
 * An unused connection that is not IDLEing says NOOP this often. imapflow ends a connection
 * quiet for its socket timeout (5 minutes) with an ETIMEOUT error, half-way through
 * IMAP_IDLE_TIMEOUT (10 minutes by default): a user back after six minutes would pay a new
 * login, and the log would show a warning. An IDLEing one is not quiet (Dovecot says "Still
 * here" every 2 minutes).
 */
const KEEPALIVE_MS = SOCKET_TIMEOUT_MS / 2;

/**
 * Logs out connections unused for IMAP_IDLE_TIMEOUT, and keeps the others open until then
 * (KEEPALIVE_MS); runs on an unref'd timer.
 */
export function reapIdleConnections(now = Date.now()) {
  const reg = registry();
  const timeout = env().IMAP_IDLE_TIMEOUT;
  for (const [id, entry] of reg.entries) {
    if (entry.active > 0 || entry.connecting) continue;
    if (!entry.watchPath && now - entry.lastUsed >= timeout) {
      reg.entries.delete(id);
      if (entry.client) void logoutQuietly(entry.client);
      continue;
    }
    const client = entry.client;
    if (!client?.usable || isIdling(client) || now - Math.max(entry.lastUsed, entry.lastKeepalive ?? 0) < KEEPALIVE_MS) continue;
    entry.lastKeepalive = now;
    void client.noop().catch(() => undefined);
  }
}

/** Logs out every connection of this process (shutdown), each within logoutQuietly's 2 s. */
export async function closeAllConnections(): Promise<void> {
  const reg = registry();
  reg.closed = true;
  if (reg.reaper) clearInterval(reg.reaper);
  const entries = [...reg.entries.values()];
  reg.entries.clear();
  await Promise.all(
    entries.map(async (entry) => {
      const client = entry.client ?? (await entry.connecting?.catch(() => null));
      entry.client = null;
      if (client) await logoutQuietly(client);
    }),
  );
}

// At shutdown the drain waits for connections still at work (a download streaming), then logs
// every connection out: the server sees LOGOUT, not a dropped socket (server/shutdown.ts).
onShutdownBusy('imap', () => [...registry().entries.values()].some((entry) => entry.active > 0));
onShutdown('imap', 'connections', closeAllConnections);

function startReaper(reg: Registry) {
  if (reg.reaper) return;
  const every = Math.min(30_000, Math.max(1000, Math.floor(env().IMAP_IDLE_TIMEOUT / 2)));
  reg.reaper = setInterval(() => reapIdleConnections(), every);
  reg.reaper.unref();
}

export interface PoolStats {
  /** Sessions this process holds IMAP state for. */
  sessions: number;
  /** Connections open or being opened. */
  connections: number;
  /** Connections running a request. */
  busy: number;
  /**
   * Requests waiting: for their connection to be made, or behind another request of the same
   * session on its connection (IMAP runs one command at a time).
   */
  waiting: number;
  byUser: Record<string, number>;
  byLane: Record<Lane, number>;
}

/** Pool figures for tests, diagnostics and /metrics. */
export function poolStats(): PoolStats {
  const reg = registry();
  const byUser: Record<string, number> = {};
  const byLane: Record<Lane, number> = { main: 0, search: 0, watch: 0, push: 0 };
  const sessions = new Set<string>();
  let busy = 0;
  let waiting = reg.connectWaits ?? 0;
  for (const entry of reg.entries.values()) {
    sessions.add(entry.sessionId);
    if (entry.active > 0) busy++;
    waiting += Math.max(0, entry.active - 1);
    if (!entry.client) continue;
    byUser[entry.username] = (byUser[entry.username] ?? 0) + 1;
    byLane[entry.lane]++;
  }
  return { sessions: sessions.size, connections: openConnections(reg), busy, waiting, byUser, byLane };
}
