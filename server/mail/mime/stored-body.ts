import 'server-only';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { textToHtml } from '@/lib/compose';
import { sanitizeForComposer } from '../html/sanitize-pool';
import { DOWNLOAD_CHUNK } from '../message';
import { findBodyPart } from './structure';

/** Reading a stored message back into the composer: a draft continued, an original quoted. */

/** Composer bodies are bounded like displayed ones. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

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

/** The message's shown body as composer content: sanitized HTML, or text (then also as HTML). */
export async function readEditableBody(
  client: ImapFlow,
  uid: number,
  structure: MessageStructureObject | undefined,
): Promise<{ format: 'html' | 'text'; html: string; text: string; part: string | null }> {
  const shown = structure ? findBodyPart(structure) : null;
  if (!shown) return { format: 'text', html: '', text: '', part: null };
  const download = await client.download(String(uid), structure!.childNodes ? shown.part : 'TEXT', {
    uid: true,
    chunkSize: DOWNLOAD_CHUNK,
    maxBytes: MAX_BODY_BYTES,
  });
  const chunks: Buffer[] = [];
  if (download.content) for await (const chunk of download.content) chunks.push(chunk as Buffer);
  const content = Buffer.concat(chunks).toString('utf8');
  if (shown.type === 'text/html') return { format: 'html', html: await sanitizeForComposer(content), text: '', part: shown.part };
  return { format: 'text', html: textToHtml(content), text: content, part: shown.part };
}
