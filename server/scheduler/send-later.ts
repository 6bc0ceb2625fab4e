import 'server-only';
import { composeInputSchema, composeMessageId, type ComposeInput } from '@/lib/compose';
import { encodeMessageId } from '@/lib/message-id';
import { AppError } from '../errors';
import { withClient, withMailbox } from '../imap/pool';
import { log } from '../log';
import { withMessage } from '../mail/access/message-access';
import { specialFolderPath } from '../mail/access/special-folders';
import { expungeExactly, transferMessages } from '../mail/access/transfer';
import { messageIdDomain } from '../session/sender';
import { isRedisStore } from '../session/redis-store';
import { store, type Session } from '../session/session';
import { discardDraft, getDraft, ORIGINAL_HEADER } from '../send/drafts';
import { buildMessage, resolveAttachments } from '../send/outgoing/build-message';
import { resolveSender } from '../send/outgoing/senders';
import { SmtpError } from '../send/outgoing/smtp';
import { sendMessage } from '../send/send';
import { DUE_HEADER, ensureJobFolder, jobFolderPath, SEND_FAILED, SEND_UNKNOWN, SENDING } from './folders';
import { keepGrant } from './grant';
import { processToken, schedulerState } from './state';

/** The furthest ahead a message may be scheduled. */
const MAX_AHEAD_MS = 366 * 24 * 3600 * 1000;
/** A job's lock: held by whoever acts on it (the scheduler sending, the user cancelling). */
const JOB_LOCK_SECONDS = 600;

const jobLock = (username: string, composeId: string) => `sched-job:${username}:${composeId}`;

/**
 * Queues a compose to be sent at `sendAt`: built as its draft would be (Bcc kept), with the time
 * in `X-Wren-Send-At` and as its Date, APPENDed to Scheduled with \Draft, so the user can cancel
 * it back into Drafts and continue it. The Drafts copy it came from is removed. The undo window
 * of an ordinary Send is the same with `sendAt` a few seconds away.
 */
export async function scheduleSend(session: Session, input: ComposeInput, sendAt: number): Promise<{ id: string; sendAt: number }> {
  const now = Date.now();
  // A time just past (a slow request, the browser's clock a little behind) is due at once.
  if (!(sendAt > now - 60_000)) throw new AppError('invalid_input', { key: 'snoozeInPast' });
  if (sendAt > now + MAX_AHEAD_MS) throw new AppError('invalid_input', { key: 'sendAtOutOfRange' });
  if (![...input.to, ...input.cc, ...input.bcc].length) throw new AppError('invalid_input', { key: 'addAtLeastOneRecipient' });
  const { from, replyTo } = await resolveSender(session, input, { forDraft: false });
  const messageId = composeMessageId(input.composeId, messageIdDomain(session));
  // A double Send: the second request finds the first one's lock (or its sending) and stops.
  const lock = jobLock(session.username, input.composeId);
  if ((await store().putIfAbsent(lock, `queue:${processToken}`, 30)) !== null) throw new AppError('conflict', { key: 'thisMessageIsBeingSent' });
  try {
    const sent = await store().read(`send:${session.username}:${input.composeId}`);
    if (sent === 'sent') throw new AppError('already_sent');
    const attachments = await resolveAttachments(session, input.attachments);
    const headers: Record<string, string> = { [DUE_HEADER.scheduled]: new Date(sendAt).toISOString() };
    if (input.original) headers[ORIGINAL_HEADER] = `${input.original.mode} ${input.original.id}`;
    const raw = await buildMessage(input, from, messageId, attachments, { keepBcc: true, keepSignatureMark: true, headers, replyTo, date: new Date(sendAt) });
    const { scheduled, id, uid } = await withClient(session, async (client) => {
      const path = await ensureJobFolder(client, 'scheduled');
      const stored = await client.append(path, raw, ['\\Draft', '\\Seen']);
      if (!stored || !stored.uid || stored.uidValidity === undefined) throw new AppError('internal', { key: 'theMailServerDidNot' });
      return { scheduled: path, uid: stored.uid, id: encodeMessageId({ path, uidValidity: stored.uidValidity.toString(), uid: stored.uid }) };
    }, { retry: false });
    // Any older copy of this compose in Scheduled (queued before, then queued again) goes.
    await withMailbox(session, scheduled, async (client) => {
      const same = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
      await expungeExactly(client, same.filter((other) => other !== uid));
    }, { retry: false });
    if (input.draftId) await discardDraft(session, input.draftId).catch(() => undefined);
    await keepGrant(session, sendAt);
    await schedulerState().dueAtMost(session.username, sendAt);
    log.info('send scheduled', { inSeconds: Math.round((sendAt - now) / 1000) });
    return { id, sendAt };
  } finally {
    await store().remove(lock);
  }
}

/**
 * Takes a queued message back before it goes (Undo, Cancel, Edit): moved from Scheduled to
 * Drafts, its state keywords cleared; answers the draft's id for the composer. Refused (409)
 * once the scheduler has started sending it.
 */
export async function cancelScheduled(session: Session, id: string): Promise<{ draftId: string }> {
  const drafts = await specialFolderPath(session, 'drafts');
  if (!drafts) throw new AppError('not_found', { key: 'thisAccountHasNoDrafts' });
  return withMessage(session, id, { flags: true, envelope: true }, async ({ client, ref, msg, mailbox }) => {
    if (ref.path !== jobFolderPath(client, 'scheduled')) throw new AppError('invalid_input', { key: 'notScheduled' });
    const composeId = composeIdOf(msg.envelope?.messageId);
    const lock = composeId ? jobLock(session.username, composeId) : null;
    if (lock && (await store().putIfAbsent(lock, `cancel:${processToken}`, JOB_LOCK_SECONDS)) !== null) throw new AppError('conflict', { key: 'alreadyBeingSent' });
    try {
      if (msg.flags?.has(SENDING)) throw new AppError('conflict', { key: 'alreadyBeingSent' });
      const states = [SEND_FAILED, SEND_UNKNOWN].filter((f) => msg.flags?.has(f));
      if (states.length) await client.messageFlagsRemove(String(ref.uid), states, { uid: true });
      const moved = await transferMessages(client, String(ref.uid), drafts, 'move', async () => drafts);
      const uid = moved.undo ? Number(moved.undo.uids.split(/[,:]/)[0]) : NaN;
      if (!moved.undo || !Number.isFinite(uid)) throw new AppError('internal', { key: 'theMailServerDidNot' });
      void mailbox;
      return { draftId: encodeMessageId({ path: drafts, uidValidity: moved.undo.uidValidity, uid }) };
    } finally {
      if (lock) await store().remove(lock);
    }
  }, { retry: false, gone: { key: 'alreadySentOrGone' } });
}

/** The compose id inside a Message-ID Wren made (`<uuid@domain>`). */
function composeIdOf(messageId: string | undefined): string | null {
  const id = /^<?([0-9a-f-]{36})@/i.exec(messageId ?? '')?.[1];
  return id ?? null;
}

export type SendOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'unknown';

/**
 * Sends one due message of Scheduled, by the scheduler (no user present), at most once:
 *  1. the job's lock (a cancel in progress, or another process, keeps it);
 *  2. SENDING set on the message, before anything leaves: a process that dies after this point
 *     leaves SENDING behind, and whoever finds it never sends it again (below);
 *  3. sendMessage, as the composer's Send: its claim in the store and the Sent check by
 *     Message-ID, SMTP, the Sent copy, and the Scheduled copy expunged as its draft.
 * Finding SENDING set (a process died in 3): the Sent folder decides: the Message-ID there means
 * it went (the copy is removed); else it may or may not have gone, and it is marked
 * SEND_UNKNOWN for the user to look at, never sent again by Wren (at most once).
 */
export async function sendDue(session: Session, scheduled: string, uid: number): Promise<SendOutcome> {
  const flagsOf = (add: string[], remove: string[] = []) =>
    withMailbox(session, scheduled, async (client) => {
      if (remove.length) await client.messageFlagsRemove(String(uid), remove, { uid: true });
      if (add.length) await client.messageFlagsAdd(String(uid), add, { uid: true });
    }, { retry: false });
  const found = await withMailbox(session, scheduled, async (client, mailbox) => {
    const msg = await client.fetchOne(String(uid), { uid: true, flags: true, envelope: true }, { uid: true });
    return msg && msg.uid === uid ? { msg, uidValidity: mailbox.uidValidity.toString() } : null;
  });
  if (!found) return 'skipped';
  const { msg } = found;
  const messageId = msg.envelope?.messageId;
  const composeId = composeIdOf(messageId);
  if (!composeId || !messageId) {
    await flagsOf([SEND_FAILED]);
    return 'failed';
  }
  const lock = jobLock(session.username, composeId);
  if ((await store().putIfAbsent(lock, `send:${processToken}`, JOB_LOCK_SECONDS)) !== null) return 'retry';
  try {
    const id = encodeMessageId({ path: scheduled, uidValidity: found.uidValidity, uid });
    if (msg.flags?.has(SENDING)) {
      // A process stopped after SENDING was set. With Redis the send's claim survived it: no
      // claim means the send never began (or was refused and released), so it may go now.
      const claim = await store().read(`send:${session.username}:${composeId}`);
      if (claim === null && isRedisStore(store()) && !(await sentHas(session, messageId))) {
        return await sendNow(session, id, flagsOf, scheduled, uid);
      }
      if (claim === 'sent' || (await sentHas(session, messageId))) {
        await withMailbox(session, scheduled, (client) => expungeExactly(client, [uid]), { retry: false });
        return 'sent';
      }
      await flagsOf([SEND_UNKNOWN]);
      log.warn('scheduled send outcome unknown', {});
      return 'unknown';
    }
    await flagsOf([SENDING]);
    return await sendNow(session, id, flagsOf, scheduled, uid);
  } finally {
    await store().remove(lock);
  }
}

/** The compose as its draft reads back (Bcc included), sent through sendMessage like the composer's Send. */
async function sendNow(
  session: Session,
  id: string,
  flagsOf: (add: string[], remove?: string[]) => Promise<void>,
  scheduled: string,
  uid: number,
): Promise<SendOutcome> {
  let input: ComposeInput;
  try {
    const draft = await getDraft(session, id);
    input = composeInputSchema.parse({
      ...draft,
      fromName: draft.from?.name ?? '',
      fromAddress: draft.from?.address,
      attachments: draft.attachments.map((a) => (a.kind === 'part' ? { kind: 'part', messageId: a.messageId, part: a.part } : { kind: a.kind, id: a.id })),
      draftId: id,
    });
  } catch (error) {
    log.warn('scheduled message unreadable', { error: String(error) });
    await flagsOf([SEND_FAILED], [SENDING]);
    return 'failed';
  }
  try {
    await sendMessage(session, input);
    log.info('scheduled message sent', {});
    return 'sent';
  } catch (error) {
    if (error instanceof AppError && error.code === 'already_sent') {
      await withMailbox(session, scheduled, (client) => expungeExactly(client, [uid]), { retry: false }).catch(() => undefined);
      return 'sent';
    }
    if ((error instanceof SmtpError && error.outcome === 'unknown') || (error instanceof AppError && error.code === 'send_unknown')) {
      await flagsOf([SEND_UNKNOWN]);
      return 'unknown';
    }
    // Nothing went out (refused, unreachable, or the send never began): SENDING comes off.
    if (error instanceof SmtpError && (error.outcome === 'unreachable' || error.outcome === 'tls')) {
      await flagsOf([], [SENDING]);
      return 'retry';
    }
    if (error instanceof AppError && (error.code === 'conflict' || error.code === 'imap_unavailable')) {
      await flagsOf([], [SENDING]);
      return 'retry';
    }
    log.warn('scheduled send refused', { code: error instanceof AppError ? error.code : 'error' });
    await flagsOf([SEND_FAILED], [SENDING]);
    return 'failed';
  }
}

async function sentHas(session: Session, messageId: string): Promise<boolean> {
  const sent = await specialFolderPath(session, 'sent');
  if (!sent) return false;
  const found = await withMailbox(session, sent, (c) => c.search({ header: { 'message-id': messageId } }, { uid: true }), { lane: 'search' });
  return Boolean(found && found.length);
}
