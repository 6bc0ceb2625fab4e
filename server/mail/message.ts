import 'server-only';
import type { Readable } from 'node:stream';
import type { MessageBodyDto, MessageDto } from '@/lib/types';
import { withMailbox } from '../imap/pool';
import { AppError } from '../errors';
import type { Session } from '../session/session';
import { assertSameUidValidity, parseMessageIdOrThrow } from './access/message-access';
import { toAddressList, toIsoDate } from './dto/mappers';
import { imageProxyKey } from './image-proxy';
import { isImageSenderAllowed } from './image-senders';
import { sanitizeWithinBudget } from './html/sanitize-pool';
import { complexityProblem, MAX_DISPLAY_BYTES, MAX_HEADER_BYTES, SANITIZE_BUDGET_MS } from './mime/bounds';
import { contentIdParts, findBodyPart, findPart, listAttachments } from './mime/structure';

const tooComplex = (reason: string): MessageBodyDto => ({ kind: 'too_complex', reason });

/** About 1 MiB per FETCH: 3x faster than imapflow's 64 KiB default. */
export const DOWNLOAD_CHUNK = 1024 * 1024;

async function readText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Headers, the one body part to show (chosen from BODYSTRUCTURE, decoded to UTF-8 by imapflow)
 * and the attachment list. Never fetches the whole message.
 */
export async function getMessage(session: Session, id: string): Promise<MessageDto> {
  const ref = parseMessageIdOrThrow(id);
  // HTML is made safe after the mailbox is let go: the session's other requests need not wait
  // for the sanitizer (up to its 2 s budget).
  const { message, html } = await withMailbox(session, ref.path, async (client, mailbox) => {
    assertSameUidValidity(ref, mailbox);
    const msg = await client.fetchOne(
      String(ref.uid),
      // The header's byte just past the bound, in the same FETCH: an answer means the header is too big.
      { uid: true, envelope: true, flags: true, internalDate: true, bodyStructure: true, bodyParts: [{ key: 'HEADER', start: MAX_HEADER_BYTES, maxLength: 1 }] },
      { uid: true },
    );
    if (!msg || msg.uid !== ref.uid) throw new AppError('not_found', 'Message does not exist');

    const structure = msg.bodyStructure;
    // imapflow files any HEADER section (partial too) under `headers`.
    const headerTooBig = (msg.headers?.length ?? 0) > 0;
    // No BODYSTRUCTURE at all: imapflow could not parse it (Dovecot cuts nesting at 100 levels and
    // the answer past that is beyond imapflow's parser): as hostile as too deep.
    const problem = headerTooBig ? 'its header is larger than 256 KB' : structure ? complexityProblem(structure) : 'its structure cannot be read';
    const shown = structure && !problem ? findBodyPart(structure) : null;
    let body: MessageBodyDto = problem ? tooComplex(problem) : { kind: 'none' };
    let html: HtmlSource | null = null;
    const shownSize = shown ? (findPart(structure!, shown.part)?.size ?? 0) : 0;
    if (shown && shownSize > MAX_DISPLAY_BYTES) body = tooComplex('its text is larger than 5 MB');
    else if (shown) {
      // imapflow fetches BODYSTRUCTURE again to resolve part "1"; we have it, so a single-part
      // message's body is asked for as TEXT directly (one round trip less per open).
      const section = structure!.childNodes ? shown.part : 'TEXT';
      const download = await client.download(String(ref.uid), section, {
        uid: true,
        chunkSize: DOWNLOAD_CHUNK,
        maxBytes: MAX_DISPLAY_BYTES,
      });
      const text = download.content ? await readText(download.content) : '';
      if (shown.type === 'text/html') {
        const cidUrls: Record<string, string> = {};
        for (const [cid, part] of contentIdParts(structure!)) cidUrls[cid] = `/api/messages/${encodeURIComponent(id)}/attachments/${part}?inline=1`;
        html = { text, cidUrls };
      } else {
        body = { kind: 'text', text };
      }
    }
    const flags = msg.flags ?? new Set<string>();
    const envelope = msg.envelope ?? {};
    const message: MessageDto = {
      id,
      folder: ref.path,
      from: toAddressList(envelope.from),
      to: toAddressList(envelope.to),
      cc: toAddressList(envelope.cc),
      replyTo: toAddressList(envelope.replyTo),
      subject: envelope.subject ?? '',
      date: toIsoDate(envelope.date ?? msg.internalDate),
      seen: flags.has('\\Seen'),
      flagged: flags.has('\\Flagged'),
      answered: flags.has('\\Answered'),
      body,
      attachments: structure && !problem ? listAttachments(structure, shown?.part ?? null) : [],
    };
    return { message, html };
  });
  if (html) message.body = await renderHtml(session, html, message.from[0]?.address);
  return message;
}

interface HtmlSource {
  text: string;
  /** Content-ID -> Wren's URL of that inline part. */
  cidUrls: Record<string, string>;
}

/** Mail HTML made safe on a sanitizer thread, or "too complex" past its budget. */
async function renderHtml(session: Session, html: HtmlSource, sender: string | undefined): Promise<MessageBodyDto> {
  const outcome = await sanitizeWithinBudget({ kind: 'display', html: html.text, cidUrls: html.cidUrls, proxyKey: imageProxyKey(session) }, SANITIZE_BUDGET_MS);
  if (outcome.kind === 'over_budget') return tooComplex('its HTML takes too long to make safe');
  const imagesAlways = outcome.result.hasRemoteContent && (await isImageSenderAllowed(session, sender));
  return { kind: 'html', ...outcome.result, imagesAlways };
}
