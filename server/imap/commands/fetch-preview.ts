import 'server-only';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { ImapResponse } from 'imapflow/lib/handler/types.js';
import { formatMessageResponse } from 'imapflow/lib/tools.js';
import { breakIdle } from './notify';

/**
 * List rows with a line of their text: FETCH with PREVIEW (RFC 8970) next to the header items,
 * in the same command, so the preview costs no round trip and no body download (the server
 * makes it, and Dovecot keeps it in its cache). imapflow 2.x builds its FETCH from a fixed set
 * of items and has no way to add one, so the command goes through its exec(), which fetch() is
 * built on, with the items fetch() sends for server/mail/rows/fetch-rows.ts SUMMARY_QUERY (same
 * order, MODSEQ where CONDSTORE is on, CHANGEDSINCE and VANISHED the same way), and every reply
 * is read by imapflow's own formatMessageResponse: the message objects are the ones fetchAll()
 * makes, plus `preview`.
 *
 * What Dovecot 2.3.19 sends (it announces PREVIEW and PREVIEW=FUZZY by default):
 *
 *   * 2 FETCH (UID 2 PREVIEW "Lunch is at noon. Please bring marmalade sandwiches.")
 *   * 7 FETCH (UID 7 PREVIEW {47}
 *   Shall we meet at the café on Friday? Bis bald!)          <- a literal once it is not ASCII
 *
 * and NIL when there is no text. Up to 256 characters by the RFC; the sender wrote them, so
 * they are normalized here (normalizePreview) and shown as text only.
 */

export const supportsPreview = (client: ImapFlow) => client.capabilities.has('PREVIEW');

/** What Wren shows of a preview at most (the row's CSS cuts it to one line). */
export const MAX_PREVIEW_CHARS = 200;

export type PreviewedMessage = FetchMessageObject & { preview?: string };

interface ExecClient {
  exec(command: string, attributes: unknown[], options?: { untagged?: Record<string, (untagged: ImapResponse) => Promise<void>> }): Promise<{ next(): void }>;
  idHashAlgorithm?: string;
}

const atom = (value: string) => ({ type: 'ATOM', value });
// C0, DEL and C1 controls, and the bidi embeddings, overrides and isolates that could make
// the line read as something else.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A preview as shown: text without controls, whitespace collapsed, at most 200 characters; undefined when empty. */
export function normalizePreview(value: unknown): string | undefined {
  const raw = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : '';
  const text = raw.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  // By code points, so a character outside the BMP is never cut in half.
  const chars = Array.from(text);
  return chars.length > MAX_PREVIEW_CHARS ? chars.slice(0, MAX_PREVIEW_CHARS).join('').trimEnd() : text;
}

/** The PREVIEW of an untagged FETCH reply, normalized; undefined when it has none (or NIL). */
export function previewOf(untagged: ImapResponse): string | undefined {
  const items = untagged.attributes?.[1];
  if (!Array.isArray(items)) return undefined;
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i]?.value;
    if (typeof key === 'string' && key.toUpperCase() === 'PREVIEW') return normalizePreview(items[i + 1]?.value);
  }
  return undefined;
}

/**
 * fetchAll(range, SUMMARY_QUERY, options) with PREVIEW: ENVELOPE, FLAGS, INTERNALDATE,
 * RFC822.SIZE and BODYSTRUCTURE of the messages in `range` (UIDs with `options.uid`), each
 * with its `preview`. Only for a server with PREVIEW (supportsPreview) and a selected mailbox.
 */
export async function fetchWithPreview(
  client: ImapFlow,
  range: string,
  options: { uid?: boolean; changedSince?: bigint } = {},
): Promise<PreviewedMessage[]> {
  const mailbox = client.mailbox;
  if (!mailbox) throw new Error('FETCH needs a selected mailbox');
  const modseq = client.enabled.has('CONDSTORE') && !mailbox.noModseq;
  const items = ['UID', 'FLAGS', 'BODYSTRUCTURE', 'ENVELOPE', 'INTERNALDATE', 'RFC822.SIZE', ...(modseq ? ['MODSEQ'] : []), 'PREVIEW'].map(atom);
  const attributes: unknown[] = [{ type: 'SEQUENCE', value: range }, items];
  if (options.changedSince && modseq) {
    const vanished = options.uid && client.enabled.has('QRESYNC');
    attributes.push([atom('CHANGEDSINCE'), atom(options.changedSince.toString()), ...(vanished ? [atom('VANISHED')] : [])]);
  }
  const exec = client as unknown as ExecClient;
  const messages: PreviewedMessage[] = [];
  await breakIdle(client);
  const response = await exec.exec(options.uid ? 'UID FETCH' : 'FETCH', attributes, {
    untagged: {
      FETCH: async (untagged) => {
        const message: PreviewedMessage = await formatMessageResponse(untagged, mailbox, exec.idHashAlgorithm, client);
        const preview = previewOf(untagged);
        if (preview) message.preview = preview;
        messages.push(message);
      },
    },
  });
  response.next();
  return messages;
}
