import 'server-only';
import type { ImapFlow } from 'imapflow';
import { encodeMessageId } from '@/lib/message-id';
import { AppError } from '../errors';
import { withMailbox } from '../imap/pool';
import { withMessage } from '../mail/access/message-access';
import { expungeExactly } from '../mail/access/transfer';
import type { Session } from '../session/session';
import { ensureJobFolder, jobFolderPath, WAKING, withoutSnoozeHeader, withSnoozeHeader } from './folders';
import { keepGrant } from './grant';
import { schedulerState } from './state';

const KEEP_FLAGS = (flags: Set<string> | undefined, drop: string[]) => [...(flags ?? [])].filter((f) => f !== '\\Recent' && f !== '\\Deleted' && !drop.includes(f));

/**
 * Snoozes a message until `until`: a copy with the time in its first header line is APPENDed to
 * Snoozed (flags and arrival date kept), then the original is expunged, by UID. The IMAP
 * server holds the job; the index (state.ts) only says when to look.
 */
export async function snoozeMessage(session: Session, id: string, until: number): Promise<{ id: string }> {
  if (!(until > Date.now())) throw new AppError('invalid_input', { key: 'snoozeInPast' });
  const stored = await withMessage(session, id, { flags: true, internalDate: true, source: true }, async ({ client, ref, msg }) => {
    const snoozed = await ensureJobFolder(client, 'snoozed');
    const raw = withSnoozeHeader(msg.source!, until);
    const appended = await client.append(snoozed, raw, KEEP_FLAGS(msg.flags, [WAKING]), msg.internalDate ?? undefined);
    if (!appended || !appended.uid || appended.uidValidity === undefined) throw new AppError('internal', { key: 'theMailServerDidNot' });
    await expungeExactly(client, [ref.uid]);
    return encodeMessageId({ path: snoozed, uidValidity: appended.uidValidity.toString(), uid: appended.uid });
  }, { retry: false });
  await keepGrant(session, until);
  await schedulerState().dueAtMost(session.username, until);
  return { id: stored };
}

/**
 * Brings a snoozed message back to INBOX, unread, as the newest arrival. Crash-safe: WAKING is
 * set on the snoozed copy before the APPEND; finding it set again, Wren looks for the message in
 * INBOX by Message-ID before appending, so a restart between APPEND and expunge brings no second copy.
 */
export async function wakeSnoozed(session: Session, client: ImapFlow, uid: number): Promise<void> {
  const msg = await client.fetchOne(String(uid), { uid: true, flags: true, envelope: true, source: true }, { uid: true });
  if (!msg || msg.uid !== uid || !msg.source) return;
  const messageId = msg.envelope?.messageId;
  const retried = msg.flags?.has(WAKING) ?? false;
  const alreadyBack = retried && messageId ? await inboxHas(session, messageId) : false;
  if (!retried) await client.messageFlagsAdd(String(uid), [WAKING], { uid: true });
  if (!alreadyBack) await client.append('INBOX', withoutSnoozeHeader(msg.source), KEEP_FLAGS(msg.flags, ['\\Seen', WAKING]), new Date());
  await expungeExactly(client, [uid]);
}

/** Whether INBOX has a message with this Message-ID: on the session's second connection (the first holds Snoozed). */
async function inboxHas(session: Session, messageId: string): Promise<boolean> {
  const found = await withMailbox(session, 'INBOX', (client) => client.search({ header: { 'message-id': messageId } }, { uid: true }), { lane: 'search' });
  return Boolean(found && found.length);
}

/** Wakes a snoozed message now (the user's "Unsnooze"). */
export async function unsnoozeNow(session: Session, id: string): Promise<void> {
  await withMessage(session, id, { flags: true }, async ({ client, ref }) => {
    if (ref.path !== jobFolderPath(client, 'snoozed')) throw new AppError('invalid_input', { key: 'notSnoozed' });
    await wakeSnoozed(session, client, ref.uid);
  }, { retry: false });
}

