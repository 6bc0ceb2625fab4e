import 'server-only';
import { PassThrough, Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import FlowedDecoder from '@zone-eu/mailsplit/lib/flowed-decoder.js';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { LimitedPassthrough } from 'imapflow/lib/limited-passthrough.js';
import { getDecoder } from 'imapflow/lib/tools.js';
import { Decoder as Base64Decoder } from 'libbase64';
import { Decoder as QpDecoder } from 'libqp';
import { complexityProblem, MAX_DISPLAY_BYTES } from './bounds';
import { findBodyPart, findPart } from './structure';

/** About 1 MiB per FETCH: 3x faster than imapflow's 64 KiB default. */
export const DOWNLOAD_CHUNK = 1024 * 1024;

/**
 * The section to download for body part `part`. imapflow fetches BODYSTRUCTURE again to resolve
 * part "1" of a single-part message; we have it, so that body is asked for as TEXT directly (one
 * round trip less per open).
 */
export function bodySection(structure: MessageStructureObject, part: string): string {
  return structure.childNodes ? part : 'TEXT';
}

/**
 * Part `section` of message `uid` (selected mailbox), read whole into memory: for what is bounded
 * (`maxBytes`) or must be whole anyway (an attachment going into a new message). `decodeText`
 * false keeps the bytes as sent (binary attachments); by default imapflow decodes text to UTF-8.
 */
export async function downloadPart(
  client: ImapFlow,
  uid: number,
  section: string,
  opts: { maxBytes?: number; decodeText?: boolean } = {},
): Promise<Buffer> {
  const download = await client.download(String(uid), section, { uid: true, chunkSize: DOWNLOAD_CHUNK, ...opts });
  const chunks: Buffer[] = [];
  if (download.content) for await (const chunk of download.content) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * The body part `part` of a message whose BODYSTRUCTURE the caller has (an open, a reply's
 * quote), read as downloadPart does. imapflow's download() fetches BODYSTRUCTURE once more for
 * part "1" to tell a single-part message (whose body is TEXT) from a multipart one: bodySection()
 * has told already, so that FETCH is a round trip for nothing, paid on the first open of every
 * multipart message whose shown part is the first (a text with attachments, HTML with inline
 * images). imapflow's test compares with the string '1'; the number 1 goes past it and becomes
 * the same section text (`part.toString()`), so BODY[1] is asked at once.
 */
export function downloadBodyPart(
  client: ImapFlow,
  uid: number,
  structure: MessageStructureObject,
  part: string,
  opts: { maxBytes?: number } = {},
): Promise<Buffer> {
  const section = bodySection(structure, part);
  return downloadPart(client, uid, section === '1' ? (1 as unknown as string) : section, opts);
}

/**
 * The body section a first open of this message reads (bodySection of the part it shows), or
 * undefined when it would read none: no text to show, a structure past the bounds, a part past
 * MAX_DISPLAY_BYTES. Worked out when the list fetched the message's BODYSTRUCTURE and kept with
 * its row (rows/row-cache.ts), so the open can ask for the part in its own FETCH.
 */
export function plannedSection(structure: MessageStructureObject | undefined): string | undefined {
  if (!structure || complexityProblem(structure)) return undefined;
  const shown = findBodyPart(structure);
  if (!shown || (findPart(structure, shown.part)?.size ?? 0) > MAX_DISPLAY_BYTES) return undefined;
  return bodySection(structure, shown.part);
}

const TEXT_TYPES = ['text/html', 'text/plain', 'text/x-amp-html'];
const NO_CONVERSION = ['ascii', 'usascii', 'utf8'];

/**
 * A body part's bytes as stored (`raw`, fetched with the open), decoded as imapflow's download()
 * decodes what it fetches: the transfer encoding undone (libbase64, libqp), and for a text part
 * shown inline, format=flowed unwrapped and the charset converted to UTF-8 (imapflow's own
 * decoders); at most `maxBytes` out. What download() reads from the part's MIME header (type,
 * parameters, encoding, disposition) comes from `node`, the part's BODYSTRUCTURE entry, which the
 * server made from that header. The same stages from the same packages, so an open reads the
 * same text either way (e2e/api/open-one-fetch.test.ts compares both on the test corpus). Throws
 * when a stage fails; the caller then downloads the part through imapflow.
 */
export async function decodeShownPart(raw: Buffer, node: MessageStructureObject, maxBytes: number): Promise<Buffer> {
  const params = node.parameters ?? {};
  const encoding = (node.encoding ?? '').replace(/\(.*\)/g, '').toLowerCase().trim();
  const disposition = (node.disposition ?? '').toLowerCase().trim();
  const charset = params.charset?.toLowerCase().trim();
  const stages: Transform[] = [];
  if (encoding === 'base64') stages.push(new Base64Decoder());
  else if (encoding === 'quoted-printable') stages.push(new QpDecoder());
  if ((!disposition || disposition === 'inline') && TEXT_TYPES.includes(node.type.toLowerCase())) {
    if (params.format?.toLowerCase().trim() === 'flowed') {
      stages.push(new LimitedPassthrough({ maxBytes }), new FlowedDecoder(params.delsp?.toLowerCase().trim() === 'yes' ? { delSp: true } : {}) as unknown as Transform);
    }
    if (charset && !NO_CONVERSION.includes(charset.replace(/[^a-z0-9]+/g, ''))) {
      try {
        stages.push(getDecoder(charset, maxBytes));
      } catch {
        // a charset iconv-lite does not know: the bytes as they are, as download() leaves them
      }
    }
  }
  if (!stages.length) return raw.length > maxBytes ? raw.subarray(0, maxBytes) : raw;
  const chunks: Buffer[] = [];
  const collect = new PassThrough();
  collect.on('data', (chunk: Buffer | string) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  await pipeline([Readable.from([raw]), ...stages, new LimitedPassthrough({ maxBytes }), collect]);
  return Buffer.concat(chunks);
}
