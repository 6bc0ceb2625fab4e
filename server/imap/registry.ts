import 'server-only';
import type { ImapFlow } from 'imapflow';
import { processGlobal } from '../process-global';

/**
 * The pool's bookkeeping: one entry per session and lane. Each signed-in session has one
 * connection for everything it does, and a second one, opened on first use, for long work
 * (searches): a body search over a large folder can take seconds, and the list, open and flag
 * requests of the same user must not queue behind it. On a server without NOTIFY, `watch`
 * connections IDLE on further folders that tabs show (server/imap/watchers.ts), one each. With
 * PUSH_SOURCE=idle a `push` connection IDLEs on INBOX for a user whose devices get notifications
 * (server/mail/push/idle-watch.ts), one per user in a process.
 */
export type Lane = 'main' | 'search' | 'watch' | 'push';

export interface Entry {
  sessionId: string;
  lane: Lane;
  username: string;
  /** The folder the connection IDLEs on between requests while the user watches it (main and watch lanes). */
  watchPath: string | null;
  client: ImapFlow | null;
  connecting: Promise<ImapFlow> | null;
  lastUsed: number;
  /** When the pool last sent NOOP on it to keep it open while unused (pool.ts reapIdleConnections). */
  lastKeepalive?: number;
  active: number;
}

export interface Registry {
  entries: Map<string, Entry>;
  reaper: NodeJS.Timeout | null;
  /** Requests waiting for their connection to be made (for /metrics). */
  connectWaits: number;
  /** Set at shutdown once every connection was logged out: no new one is made. */
  closed?: boolean;
}

/** Kept on globalThis: dev hot reload and Next's several module graphs share one pool. */
export const registry = () => processGlobal<Registry>('imap', () => ({ entries: new Map(), reaper: null, connectWaits: 0 }));

/** `slot` tells a session's watch connections apart (the folder each one IDLEs on). */
export const entryKey = (sessionId: string, lane: Lane, slot = '') => `${sessionId}:${lane}${slot ? `:${slot}` : ''}`;

/** The session's main-lane entry, if it has one. */
export function mainEntry(sessionId: string): Entry | undefined {
  return registry().entries.get(entryKey(sessionId, 'main'));
}
