import 'server-only';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ComposeAttachment, ComposeInput } from '@/lib/compose';
import type { AddressDto } from '@/lib/types';
import { env } from '../../env';
import { AppError, type ErrorText } from '../../errors';
import type { Session } from '../../session/session';
import { withMessage } from '../../mail/access/message-access';
import { sanitizeForComposer } from '../../mail/html/sanitize-pool';
import { downloadPart } from '../../mail/mime/read-part';
import { findPart, inlineContentId, partFilename } from '../../mail/mime/structure';
import type { Readable } from 'node:stream';
import { uploadOrThrow } from '../uploads';

/**
 * An attachment ready for MIME: an upload (a file on disk, or a stream of its chunks in Redis) or
 * bytes read from IMAP (forward, draft).
 * `cid`: the Content-ID of an inline image of the original, kept so the HTML's cid: URLs still
 * name it (MailComposer puts it in multipart/related, inline).
 */
export type ResolvedAttachment = { filename: string; contentType: string; size: number; cid?: string } & ({ path: string } | { content: Buffer | Readable });

const ORIGINAL_GONE: ErrorText = { key: 'originalGone' };

/** One message's parts, read under one mailbox lock. */
function readParts(session: Session, messageId: string, parts: string[]): Promise<ResolvedAttachment[]> {
  return withMessage(session, messageId, { bodyStructure: true }, async ({ client, ref, msg }) => {
    if (!msg.bodyStructure) throw new AppError('not_found', ORIGINAL_GONE);
    const out: ResolvedAttachment[] = [];
    for (const part of parts) {
      const node = findPart(msg.bodyStructure, part);
      if (!node) throw new AppError('not_found', { key: 'anAttachmentOfTheOriginal' });
      const content = await downloadPart(client, ref.uid, part, { decodeText: false });
      const cid = inlineContentId(node);
      out.push({ filename: partFilename(node) ?? `attachment-${part}`, contentType: node.type.toLowerCase(), size: content.length, content, ...(cid ? { cid } : {}) });
    }
    return out;
  }, { gone: ORIGINAL_GONE });
}

/** The attachments of a compose, in order, checked against the size limit as a whole. */
export async function resolveAttachments(session: Session, attachments: ComposeAttachment[]): Promise<ResolvedAttachment[]> {
  const resolved: ResolvedAttachment[] = [];
  const byMessage = new Map<string, string[]>();
  for (const a of attachments) if (a.kind === 'part') byMessage.set(a.messageId, [...(byMessage.get(a.messageId) ?? []), a.part]);
  const fromMessages = new Map<string, ResolvedAttachment[]>();
  for (const [messageId, parts] of byMessage) fromMessages.set(messageId, await readParts(session, messageId, parts));
  for (const a of attachments) {
    if (a.kind === 'upload') {
      const upload = await uploadOrThrow(session, a.id);
      resolved.push({ filename: upload.filename, contentType: upload.contentType, size: upload.size, ...upload.source });
    } else {
      resolved.push(fromMessages.get(a.messageId)!.shift()!);
    }
  }
  const total = resolved.reduce((sum, a) => sum + a.size, 0);
  const limit = env().MAX_ATTACHMENT_BYTES;
  if (total > limit) throw new AppError('payload_too_large', { key: 'attachmentsLimitedInAll', values: { mb: Math.floor(limit / 1024 / 1024) } });
  return resolved;
}

const toMailbox = (a: AddressDto) => ({ name: a.name, address: a.address });

/**
 * The message as RFC 5322 bytes, built once by nodemailer's MailComposer: what goes to SMTP is
 * byte for byte what is kept in Sent. Bcc is left out of the headers unless `keepBcc` (drafts),
 * and so is the mark of the signature block unless `keepSignatureMark` (drafts: a draft
 * continued can still swap its signature). `replyTo`: the sending identity's (checked already).
 */
export async function buildMessage(
  input: ComposeInput,
  from: AddressDto,
  messageId: string,
  attachments: ResolvedAttachment[],
  opts: { keepBcc: boolean; keepSignatureMark?: boolean; date?: Date; headers?: Record<string, string>; replyTo?: string },
): Promise<Buffer> {
  const html = input.format === 'html' ? await sanitizeForComposer(input.html, { keepSignatureMark: opts.keepSignatureMark }) : undefined;
  const composer = new MailComposer({
    from: toMailbox(from),
    to: input.to.map(toMailbox),
    cc: input.cc.map(toMailbox),
    bcc: input.bcc.map(toMailbox),
    replyTo: opts.replyTo,
    subject: input.subject,
    messageId,
    date: opts.date ?? new Date(),
    inReplyTo: input.inReplyTo,
    headers: opts.headers,
    references: input.references.length ? input.references : undefined,
    text: input.text,
    html,
    attachments: attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      ...(a.cid ? { cid: a.cid } : {}),
      ...('path' in a ? { path: a.path } : { content: a.content }),
    })),
    // No network or file reads that the message itself asks for: only our own attachments.
    disableUrlAccess: true,
    disableFileAccess: false,
  });
  const node = composer.compile();
  node.keepBcc = opts.keepBcc;
  return new Promise<Buffer>((resolve, reject) => node.build((err, message) => (err ? reject(err) : resolve(message))));
}
