import 'server-only';
import type { ImapFlow } from 'imapflow';
import { processGlobal } from '../process-global';

/**
 * The pool's bookkeeping: one entry per session and lane. Each signed-in session has one
 * connection for everything it does, and a second one, opened on first use, for long work
 * (searches): a body search over a large folder can take seconds, and the list, open and flag
 * requests of the same user must not queue behind it.
 */
export type Lane = 'main' | 'search';

export interface Entry {
  sessionId: string;
  lane: Lane;
  username: string;
  /** The folder the connection IDLEs on between requests while the user watches it (main lane). */
  watchPath: string | null;
  client: ImapFlow | null;
  connecting: Promise<ImapFlow> | null;
  lastUsed: number;
  active: number;
}

export interface Registry {
  entries: Map<string, Entry>;
  reaper: NodeJS.Timeout | null;
}

/** Kept on globalThis: dev hot reload and Next's several module graphs share one pool. */
export const registry = () => processGlobal<Registry>('imap', () => ({ entries: new Map(), reaper: null }));

export const entryKey = (sessionId: string, lane: Lane) => `${sessionId}:${lane}`;

/** The session's main-lane entry, if it has one. */
export function mainEntry(sessionId: string): Entry | undefined {
  return registry().entries.get(entryKey(sessionId, 'main'));
}
