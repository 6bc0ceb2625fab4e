import 'server-only';
import { composeMessageId, type ComposeDraftDto, type ComposeInput } from '@/lib/compose';
import { encodeMessageId } from '@/lib/message-id';
import { AppError } from '../errors';
import { withClient } from '../imap/pool';
import { withMessage } from '../mail/access/message-access';
import { specialFolderPath } from '../mail/access/special-folders';
import { expungeExactly } from '../mail/access/transfer';
import { toDraftDto } from '../mail/dto/compose-mappers';
import { readEditableBody, readHeaderFields } from '../mail/mime/composer-source';
import { messageIdDomain } from '../session/sender';
import type { Session } from '../session/session';
import { buildMessage, resolveAttachments } from './outgoing/build-message';
import { resolveSender } from './outgoing/senders';

/** Where a continued draft came from, so that sending it still marks the original answered. */
export const ORIGINAL_HEADER = 'X-Wren-Original';

/**
 * Saves the compose in \Drafts (APPEND with \Draft), then removes the version it replaces, by
 * UID, only once the new one is stored: a failure in between leaves two drafts, never none.
 */
export async function saveDraft(session: Session, input: ComposeInput): Promise<{ draftId: string }> {
  const drafts = await specialFolderPath(session, 'drafts');
  if (!drafts) throw new AppError('not_found', { key: 'thisAccountHasNoDrafts' });
  // The identity chosen is kept as the draft's From (and Reply-To).
  const { from, replyTo } = await resolveSender(session, input, { forDraft: true });
  const messageId = composeMessageId(input.composeId, messageIdDomain(session));
  // The previous draft's attachments are read before it goes.
  const attachments = await resolveAttachments(session, input.attachments);
  const headers = input.original ? { [ORIGINAL_HEADER]: `${input.original.mode} ${input.original.id}` } : undefined;
  const raw = await buildMessage(input, from, messageId, attachments, { keepBcc: true, keepSignatureMark: true, headers, replyTo });
  const stored = await withClient(session, (client) => client.append(drafts, raw, ['\\Draft', '\\Seen']), { retry: false });
  if (!stored || !stored.uid || stored.uidValidity === undefined) {
    throw new AppError('internal', { key: 'theMailServerDidNot' });
  }
  const draftId = encodeMessageId({ path: drafts, uidValidity: stored.uidValidity.toString(), uid: stored.uid });
  if (input.draftId && input.draftId !== draftId) await discardDraft(session, input.draftId).catch(() => undefined);
  return { draftId };
}

/** A draft as the composer continues it: fields, body, and its attachments (kept on the server). */
export function getDraft(session: Session, id: string): Promise<ComposeDraftDto> {
  const query = { envelope: true, bodyStructure: true, flags: true };
  return withMessage(session, id, query, async ({ client, ref, msg }) => {
    const fields = await readHeaderFields(client, ref.uid, ['references', ORIGINAL_HEADER]);
    const body = await readEditableBody(client, ref.uid, msg.bodyStructure, { keepSignatureMark: true });
    return toDraftDto(id, msg, body, { references: fields.references, original: fields[ORIGINAL_HEADER.toLowerCase()] });
  }, { gone: { key: 'draftGone' } });
}

/** Deletes a draft for good (UID EXPUNGE of it alone); refuses a message that is not a draft. */
export async function discardDraft(session: Session, id: string): Promise<void> {
  await withMessage(session, id, { flags: true }, async ({ client, ref, msg }) => {
    if (!msg.flags?.has('\\Draft')) throw new AppError('forbidden', { key: 'onlyDraftsCanBeDiscarded' });
    await expungeExactly(client, [ref.uid]);
  }, { gone: { key: 'draftGone' } });
}
