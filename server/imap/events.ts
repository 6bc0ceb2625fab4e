import 'server-only';
import type { ImapFlow } from 'imapflow';
import { processGlobal } from '../process-global';
import type { FolderStatus } from './commands/notify';
import { noteFolderStatus } from './folder-marks';

/** A change the session's main connection heard of, for live updates (server/mail/live.ts). */
export type MailEvent =
  | { type: 'exists'; path: string; count: number }
  /** `uid` with QRESYNC (VANISHED); null for a plain EXPUNGE, which names a sequence number only. */
  | { type: 'expunge'; path: string; uid: number | null }
  | { type: 'flags'; path: string; uid: number | null; flags: string[] }
  /** A folder that is not selected changed (NOTIFY's STATUS, or polling): what changed is not said. */
  | { type: 'changed'; path: string }
  /** The connection is gone (server restart, network): what happens next was not heard. */
  | { type: 'closed' };

const listeners = () => processGlobal('imapEvents', () => new Map<string, Set<(event: MailEvent) => void>>());

export function emitMailEvent(sessionId: string, event: MailEvent) {
  for (const listener of listeners().get(sessionId) ?? []) listener(event);
}

/** Calls `listener` with every change heard on the session's main connection; returns the unsubscribe. */
export function onMailEvents(sessionId: string, listener: (event: MailEvent) => void): () => void {
  const all = listeners();
  const set = all.get(sessionId) ?? new Set();
  set.add(listener);
  all.set(sessionId, set);
  return () => {
    set.delete(listener);
    if (!set.size) all.delete(sessionId);
  };
}

/**
 * The STATUS of a folder that is not selected (from NOTIFY or polling): a change from what the
 * session knew becomes a `changed` event. `baseline` only records (see folder-marks.ts).
 */
export function noteStatus(sessionId: string, status: FolderStatus, baseline: boolean) {
  if (noteFolderStatus(sessionId, status, baseline)) emitMailEvent(sessionId, { type: 'changed', path: status.path });
}

interface MailboxState {
  path: string;
  exists?: number;
  uidNext?: number;
  highestModseq?: bigint;
}
const statusOf = (m: MailboxState): FolderStatus => ({ path: m.path, messages: m.exists, uidNext: m.uidNext, highestModseq: m.highestModseq?.toString() });

/** Passes what `client` hears (EXISTS, EXPUNGE/VANISHED, FETCH FLAGS) to the session's listeners. */
export function forwardMailEvents(sessionId: string, client: ImapFlow) {
  client.on('exists', (d: { path: string; count: number }) => emitMailEvent(sessionId, { type: 'exists', path: d.path, count: d.count }));
  client.on('expunge', (d: { path: string; uid?: number; earlier?: boolean }) => {
    // VANISHED (EARLIER) answers a catch-up FETCH, which reports it itself.
    if (!d.earlier) emitMailEvent(sessionId, { type: 'expunge', path: d.path, uid: d.uid ?? null });
  });
  client.on('flags', (d: { path: string; uid?: number; flags: Set<string> }) =>
    emitMailEvent(sessionId, { type: 'flags', path: d.path, uid: d.uid ?? null, flags: [...d.flags] }),
  );
  // What a folder was when selected and when left: a later STATUS of it is compared with that.
  client.on('mailboxOpen', (m: MailboxState) => noteFolderStatus(sessionId, statusOf(m), true));
  client.on('mailboxClose', (m: MailboxState) => noteFolderStatus(sessionId, statusOf(m), true));
}
