import 'server-only';
import { randomUUID } from 'node:crypto';
import { composeIdOf, composeMessageId, type ComposeDraftDto, type ComposeInput } from '@/lib/compose';
import { encodeMessageId } from '@/lib/message-id';
import { AppError } from '../errors';
import { withClient, withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { readEditableBody, readHeaderFields } from '../mail/mime/stored-body';
import { assertSameUidValidity, parseMessageIdOrThrow } from '../mail/access/message-access';
import { toAddressList } from '../mail/dto/mappers';
import { buildMessage, resolveAttachments } from './outgoing/build-message';
import { messageIdDomain, senderOf } from '../session/sender';
import { specialFolderPath } from '../mail/access/special-folders';
import { listAttachments } from '../mail/mime/structure';
import { expungeExactly } from '../mail/access/transfer';

/** Where a continued draft came from, so that sending it still marks the original answered. */
const ORIGINAL_HEADER = 'X-Wren-Original';

/**
 * Saves the compose in \Drafts (APPEND with \Draft), then removes the version it replaces, by
 * UID, only once the new one is stored: a failure in between leaves two drafts, never none.
 */
export async function saveDraft(session: Session, input: ComposeInput): Promise<{ draftId: string }> {
  const drafts = await specialFolderPath(session, 'drafts');
  if (!drafts) throw new AppError('not_found', 'This account has no Drafts folder');
  const from = senderOf(session, input.fromName);
  const messageId = composeMessageId(input.composeId, messageIdDomain(session));
  // The previous draft's attachments are read before it goes.
  const attachments = await resolveAttachments(session, input.attachments);
  const headers = input.original ? { [ORIGINAL_HEADER]: `${input.original.mode} ${input.original.id}` } : undefined;
  const raw = await buildMessage(input, from, messageId, attachments, { keepBcc: true, headers });
  const stored = await withClient(session, (client) => client.append(drafts, raw, ['\\Draft', '\\Seen']), { retry: false });
  if (!stored || !stored.uid || stored.uidValidity === undefined) {
    throw new AppError('internal', 'The mail server did not say where it stored the draft');
  }
  const draftId = encodeMessageId({ path: drafts, uidValidity: stored.uidValidity.toString(), uid: stored.uid });
  if (input.draftId && input.draftId !== draftId) await discardDraft(session, input.draftId).catch(() => undefined);
  return { draftId };
}

/** A draft as the composer continues it: fields, body, and its attachments (kept on the server). */
export async function getDraft(session: Session, id: string): Promise<ComposeDraftDto> {
  const ref = parseMessageIdOrThrow(id);
  return withMailbox(session, ref.path, async (client, mailbox) => {
    assertSameUidValidity(ref, mailbox);
    const msg = await client.fetchOne(String(ref.uid), { uid: true, envelope: true, bodyStructure: true, flags: true }, { uid: true });
    if (!msg || msg.uid !== ref.uid) throw new AppError('not_found', 'Draft does not exist');
    const fields = await readHeaderFields(client, ref.uid, ['references', ORIGINAL_HEADER]);
    const body = await readEditableBody(client, ref.uid, msg.bodyStructure);
    const [mode, originalId] = (fields[ORIGINAL_HEADER.toLowerCase()] ?? '').split(' ');
    const envelope = msg.envelope ?? {};
    return {
      composeId: composeIdOf(envelope.messageId) ?? randomUUID(),
      to: toAddressList(envelope.to),
      cc: toAddressList(envelope.cc),
      bcc: toAddressList(envelope.bcc),
      subject: envelope.subject ?? '',
      ...body,
      inReplyTo: envelope.inReplyTo || undefined,
      references: (fields.references ?? '').split(/\s+/).filter(Boolean),
      original: (mode === 'reply' || mode === 'all' || mode === 'forward') && originalId ? { id: originalId, mode } : undefined,
      attachments: msg.bodyStructure
        ? listAttachments(msg.bodyStructure, body.part).map((a) => ({ kind: 'part' as const, messageId: id, part: a.part, filename: a.filename, size: a.size, contentType: a.contentType }))
        : [],
      draftId: id,
    };
  });
}

/** Deletes a draft for good (UID EXPUNGE of it alone); refuses a message that is not a draft. */
export async function discardDraft(session: Session, id: string): Promise<void> {
  const ref = parseMessageIdOrThrow(id);
  await withMailbox(session, ref.path, async (client, mailbox) => {
    assertSameUidValidity(ref, mailbox);
    const msg = await client.fetchOne(String(ref.uid), { uid: true, flags: true }, { uid: true });
    if (!msg || msg.uid !== ref.uid) throw new AppError('not_found', 'Draft does not exist');
    if (!msg.flags?.has('\\Draft')) throw new AppError('forbidden', 'Only drafts can be discarded');
    await expungeExactly(client, [ref.uid]);
  });
}
