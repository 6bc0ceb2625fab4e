import 'server-only';
import { randomUUID } from 'node:crypto';
import type { FetchMessageObject, MessageStructureObject } from 'imapflow';
import {
  composeIdOf,
  forwardSubject,
  isMessageIdToken,
  pickReplySender,
  quoteForForward,
  quoteForReply,
  replyRecipients,
  replyReferences,
  replySubject,
  type ComposeDraftDto,
  type QuoteWords,
} from '@/lib/compose';
import type { Locale } from '@/lib/i18n/config';
import { serverTranslator } from '../../i18n';
import type { AddressDto } from '@/lib/types';
import type { EditableBody } from '../mime/composer-source';
import { findPart, inlineContentId, listAttachments } from '../mime/structure';
import { toAddressList, toIsoDate } from './mappers';

/** Stored messages as what the composer opens with: a reply or forward, or a draft continued. */

export type ComposeMode = 'reply' | 'all' | 'forward';

/** The language and time zone a quote line is written in: the user's (the request's language, the browser's zone). */
export interface QuoteLocale {
  locale: Locale;
  timeZone?: string;
}

/** A quote's date in the user's language and time zone (UTC, named, when the browser's is unknown). */
export function quoteDateFormatter({ locale, timeZone }: QuoteLocale): (iso: string) => string {
  // dateStyle cannot be combined with timeZoneName (a TypeError in Node 20): UTC spells its fields out.
  const format = new Intl.DateTimeFormat(
    locale,
    timeZone
      ? { dateStyle: 'medium', timeStyle: 'short', timeZone }
      : { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' },
  );
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}

/** The words around a quote (lib/compose.ts) in `locale`, from the `quote` messages. */
export function quoteWords(locale: Locale): QuoteWords {
  const t = serverTranslator(locale, 'quote');
  return {
    wrote: (date, sender) => t('wrote', { date, sender }),
    someone: t('someone'),
    forwarded: t('forwarded'),
    from: t('from'),
    date: t('date'),
    subject: t('subject'),
    to: t('to'),
    cc: t('cc'),
  };
}

/**
 * The message's attachments, inline images included, as compose attachments read from IMAP when
 * the message is built; an inline image keeps its Content-ID there, so the quoted HTML's cid:
 * URLs still name it (server/send/outgoing/build-message.ts).
 */
function partAttachments(id: string, structure: MessageStructureObject | undefined, shownPart: string | null) {
  if (!structure) return [];
  return listAttachments(structure, shownPart).map((a) => {
    const node = a.inline ? findPart(structure, a.part) : null;
    const cid = node ? inlineContentId(node) : null;
    return { kind: 'part' as const, messageId: id, part: a.part, filename: a.filename, size: a.size, contentType: a.contentType, ...(cid ? { cid } : {}) };
  });
}

/**
 * A reply, reply all or forward of message `id` (`msg`: ENVELOPE, BODYSTRUCTURE, INTERNALDATE):
 * from the user's address the original was sent to (`self.mine`: the account's and the
 * identities'; `deliveredTo`: its Delivered-To and X-Original-To), recipients with the user's own
 * addresses left out, subject without stacked prefixes, In-Reply-To and References, the original
 * quoted, and for a forward its attachments and inline images.
 */
export function toComposeFromDto(
  id: string,
  mode: ComposeMode,
  msg: FetchMessageObject,
  body: EditableBody,
  references: string | undefined,
  self: { mine: string[]; account: string; deliveredTo: string[] },
  where: QuoteLocale = { locale: 'en' },
): ComposeDraftDto {
  const formatDate = quoteDateFormatter(where);
  const words = quoteWords(where.locale);
  const envelope = msg.envelope ?? {};
  const original = {
    date: toIsoDate(envelope.date ?? msg.internalDate),
    from: toAddressList(envelope.from),
    to: toAddressList(envelope.to),
    cc: toAddressList(envelope.cc),
    replyTo: toAddressList(envelope.replyTo),
    subject: envelope.subject ?? '',
    html: body.html,
  };
  const sender = pickReplySender(self.mine, { to: original.to, cc: original.cc, deliveredTo: self.deliveredTo });
  const base = {
    composeId: randomUUID(),
    ...(sender ? { from: { name: '', address: sender } } : {}),
    bcc: [] as AddressDto[],
    format: 'html' as const,
    text: '',
    original: { id, mode },
  };
  if (mode === 'forward') {
    return {
      ...base,
      to: [],
      cc: [],
      subject: forwardSubject(original.subject),
      html: quoteForForward(original, formatDate, words).html,
      references: [],
      attachments: partAttachments(id, msg.bodyStructure, body.part),
    };
  }
  return {
    ...base,
    ...replyRecipients(original, sender ? [self.account, sender] : [self.account], mode === 'all'),
    subject: replySubject(original.subject),
    html: quoteForReply(original, formatDate, words).html,
    inReplyTo: isMessageIdToken(envelope.messageId) ? envelope.messageId : undefined,
    references: replyReferences({ messageId: envelope.messageId, references: (references ?? '').split(/\s+/).filter(Boolean) }),
    attachments: [],
  };
}

/**
 * Draft `id` (`msg`: ENVELOPE, BODYSTRUCTURE) as the composer continues it: fields, body, what it
 * replies to (`original`, from Wren's own header), and its attachments, kept on the server.
 */
export function toDraftDto(
  id: string,
  msg: FetchMessageObject,
  body: EditableBody,
  fields: { references?: string; original?: string },
): ComposeDraftDto {
  const [mode, originalId] = (fields.original ?? '').split(' ');
  const envelope = msg.envelope ?? {};
  const from = toAddressList(envelope.from)[0];
  return {
    composeId: composeIdOf(envelope.messageId) ?? randomUUID(),
    ...(from ? { from } : {}),
    to: toAddressList(envelope.to),
    cc: toAddressList(envelope.cc),
    bcc: toAddressList(envelope.bcc),
    subject: envelope.subject ?? '',
    ...body,
    inReplyTo: envelope.inReplyTo || undefined,
    references: (fields.references ?? '').split(/\s+/).filter(Boolean),
    original: (mode === 'reply' || mode === 'all' || mode === 'forward') && originalId ? { id: originalId, mode } : undefined,
    attachments: partAttachments(id, msg.bodyStructure, body.part),
    draftId: id,
  };
}
