import 'server-only';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { textToHtml } from '@/lib/compose';
import { sanitizeForComposer } from '../html/sanitize-pool';
import { MAX_DISPLAY_BYTES } from './bounds';
import { downloadBodyPart } from './read-part';
import { findBodyPart } from './structure';

/** Reading a stored message back into the composer: a draft continued, an original quoted. */

/** Raw header values (unfolded) of the named fields, by lower-case name. ASCII fields only. */
export async function readHeaderFields(client: ImapFlow, uid: number, names: string[]): Promise<Record<string, string>> {
  const msg = await client.fetchOne(String(uid), { uid: true, headers: names }, { uid: true });
  const text = msg && msg.headers ? msg.headers.toString('latin1').replace(/\r?\n[ \t]+/g, ' ') : '';
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return fields;
}

export interface EditableBody {
  format: 'html' | 'text';
  html: string;
  text: string;
  /** The part shown, left out of the attachments. */
  part: string | null;
}

/**
 * The message's shown body as composer content (bounded like a displayed one): sanitized HTML, or
 * text (then also as HTML). `keepSignatureMark` for a draft continued: its signature block stays
 * the compose's own; a quoted original's signature is only text.
 */
export async function readEditableBody(
  client: ImapFlow,
  uid: number,
  structure: MessageStructureObject | undefined,
  opts: { keepSignatureMark?: boolean } = {},
): Promise<EditableBody> {
  const shown = structure ? findBodyPart(structure) : null;
  if (!structure || !shown) return { format: 'text', html: '', text: '', part: null };
  const content = (await downloadBodyPart(client, uid, structure, shown.part, { maxBytes: MAX_DISPLAY_BYTES })).toString('utf8');
  if (shown.type === 'text/html') return { format: 'html', html: await sanitizeForComposer(content, opts), text: '', part: shown.part };
  return { format: 'text', html: textToHtml(content), text: content, part: shown.part };
}
