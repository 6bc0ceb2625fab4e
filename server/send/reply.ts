import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  forwardSubject,
  isMessageIdToken,
  quoteForForward,
  quoteForReply,
  replyRecipients,
  replyReferences,
  replySubject,
  type ComposeDraftDto,
} from '@/lib/compose';
import { AppError } from '../errors';
import { withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { readEditableBody, readHeaderFields } from '../mail/mime/stored-body';
import { assertSameUidValidity, parseMessageIdOrThrow } from '../mail/access/message-access';
import { toAddressList, toIsoDate } from '../mail/dto/mappers';
import { senderAddress } from '../session/sender';
import { listAttachments } from '../mail/mime/structure';

export type ComposeMode = 'reply' | 'all' | 'forward';

const formatDate = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

/**
 * A reply, reply all or forward of a stored message, ready for the composer: recipients (the
 * user's own address left out), subject without stacked prefixes, In-Reply-To and References,
 * the original quoted (sanitized again, for the composer), and for a forward its attachments.
 */
export async function composeFrom(session: Session, id: string, mode: ComposeMode): Promise<ComposeDraftDto> {
  const ref = parseMessageIdOrThrow(id);
  return withMailbox(session, ref.path, async (client, mailbox) => {
    assertSameUidValidity(ref, mailbox);
    const msg = await client.fetchOne(String(ref.uid), { uid: true, envelope: true, bodyStructure: true, internalDate: true }, { uid: true });
    if (!msg || msg.uid !== ref.uid) throw new AppError('not_found', 'Message does not exist');
    const envelope = msg.envelope ?? {};
    const fields = await readHeaderFields(client, ref.uid, ['references']);
    const body = await readEditableBody(client, ref.uid, msg.bodyStructure);
    const original = {
      date: toIsoDate(envelope.date ?? msg.internalDate),
      from: toAddressList(envelope.from),
      to: toAddressList(envelope.to),
      cc: toAddressList(envelope.cc),
      replyTo: toAddressList(envelope.replyTo),
      subject: envelope.subject ?? '',
      html: body.html,
    };
    const base = { composeId: randomUUID(), bcc: [], format: 'html' as const, text: '', original: { id, mode } };
    if (mode === 'forward') {
      const quote = quoteForForward(original, formatDate);
      return {
        ...base,
        to: [],
        cc: [],
        subject: forwardSubject(original.subject),
        html: quote.html,
        references: [],
        attachments: msg.bodyStructure
          ? listAttachments(msg.bodyStructure, body.part)
              .filter((a) => !a.inline)
              .map((a) => ({ kind: 'part' as const, messageId: id, part: a.part, filename: a.filename, size: a.size, contentType: a.contentType }))
          : [],
      };
    }
    const references = replyReferences({ messageId: envelope.messageId, references: (fields.references ?? '').split(/\s+/).filter(Boolean) });
    return {
      ...base,
      ...replyRecipients(original, senderAddress(session), mode === 'all'),
      subject: replySubject(original.subject),
      html: quoteForReply(original, formatDate).html,
      inReplyTo: isMessageIdToken(envelope.messageId) ? envelope.messageId : undefined,
      references,
      attachments: [],
    };
  });
}
