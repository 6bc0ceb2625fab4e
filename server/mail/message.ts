import 'server-only';
import type { MessageBodyDto, MessageDto } from '@/lib/types';
import type { Session } from '../session/session';
import { withMessage } from './access/message-access';
import { toMessageDto } from './dto/mappers';
import { sanitizeWithinBudget } from './html/sanitize-pool';
import { imageProxyKey } from './image-proxy';
import { isImageSenderAllowed } from './image-senders';
import { complexityProblem, MAX_DISPLAY_BYTES, MAX_HEADER_BYTES, SANITIZE_BUDGET_MS } from './mime/bounds';
import { bodySection, downloadPart } from './mime/read-part';
import { contentIdParts, findBodyPart, findPart, listAttachments } from './mime/structure';
import { readUnsubscribe } from './unsubscribe';

const tooComplex = (reason: string): MessageBodyDto => ({ kind: 'too_complex', reason });

// The header's byte just past the bound, in the same FETCH: an answer means the header is too big.
const OPEN_QUERY = {
  envelope: true,
  flags: true,
  internalDate: true,
  bodyStructure: true,
  bodyParts: [{ key: 'HEADER', start: MAX_HEADER_BYTES, maxLength: 1 }],
};

interface HtmlSource {
  text: string;
  /** Content-ID -> Wren's URL of that inline part. */
  cidUrls: Record<string, string>;
}

/**
 * Headers, the one body part to show (chosen from BODYSTRUCTURE, decoded to UTF-8 by imapflow)
 * and the attachment list. Never fetches the whole message.
 */
export async function getMessage(session: Session, id: string): Promise<MessageDto> {
  // HTML is made safe after the mailbox is let go: the session's other requests need not wait
  // for the sanitizer (up to its 2 s budget).
  const { message, html } = await withMessage(session, id, OPEN_QUERY, async ({ client, ref, msg }) => {
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
      const text = (await downloadPart(client, ref.uid, bodySection(structure!, shown.part), { maxBytes: MAX_DISPLAY_BYTES })).toString('utf8');
      if (shown.type === 'text/html') {
        const cidUrls: Record<string, string> = {};
        for (const [cid, part] of contentIdParts(structure!)) cidUrls[cid] = `/api/messages/${encodeURIComponent(id)}/attachments/${part}?inline=1`;
        html = { text, cidUrls };
      } else {
        body = { kind: 'text', text };
      }
    }
    const attachments = structure && !problem ? listAttachments(structure, shown?.part ?? null) : [];
    const message = toMessageDto(id, ref.path, msg, body, attachments);
    message.unsubscribe = await readUnsubscribe(client, ref.uid);
    return { message, html };
  });
  if (html) message.body = await renderHtml(session, html, message.from[0]?.address);
  return message;
}

/** Mail HTML made safe on a sanitizer thread, or "too complex" past its budget. */
async function renderHtml(session: Session, html: HtmlSource, sender: string | undefined): Promise<MessageBodyDto> {
  const outcome = await sanitizeWithinBudget({ kind: 'display', html: html.text, cidUrls: html.cidUrls, proxyKey: imageProxyKey(session) }, SANITIZE_BUDGET_MS);
  if (outcome.kind === 'over_budget') return tooComplex('its HTML takes too long to make safe');
  const imagesAlways = outcome.result.hasRemoteContent && (await isImageSenderAllowed(session, sender));
  return { kind: 'html', ...outcome.result, imagesAlways };
}
