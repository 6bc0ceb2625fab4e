// Shared by scripts/seed-demo.mjs, scripts/make-charset-fixtures.mjs and scripts/seed.mjs: just
// enough MIME to build well-formed messages (CRLF, RFC 2047 encoded words, quoted-printable,
// base64), plus small generated attachments. Plain Node ESM so the scripts run without a build
// step. Output is deterministic: the e2e charset fixtures are built with it.
import { deflateSync } from 'node:zlib';

// An RFC 2047 encoded word may be at most 75 characters long
const MAX_WORD = 75;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A Date header value in UTC: "Wed, 01 May 2024 09:30:00 +0000". `date` is a Date or epoch ms. */
export function formatDate(date) {
  return new Date(date).toUTCString().replace('GMT', '+0000');
}

/**
 * A whole message from { from, to, subject, date, id, headers?, text, html?, attachments? }:
 * text/plain, wrapped in multipart/alternative with `html` and in multipart/mixed with the
 * attachments ({ filename, contentType, bytes }) when there are any. Text is sent as UTF-8.
 */
export function buildMessage(message) {
  const { from, to, subject, date, id, headers = [], text, html, attachments = [] } = message;
  let body = textPart('plain', text);
  if (html) body = multipart('alternative', [body, textPart('html', html)]);
  if (attachments.length) body = multipart('mixed', [body, ...attachments.map(attachmentPart)]);
  const head = [
    `From: ${formatAddress(from)}`,
    `To: ${to.map(formatAddress).join(', ')}`,
    `Subject: ${encodeHeaderText(subject)}`,
    `Date: ${formatDate(date)}`,
    `Message-ID: ${id}`,
    ...headers,
    'MIME-Version: 1.0',
    ...body.headers,
  ];
  return `${head.join('\r\n')}\r\n\r\n${body.body}`;
}

// Boundaries only need to be unique within a message; a running number is, and is deterministic
let boundaryCount = 0;
function multipart(subtype, parts) {
  const boundary = `=_wren_${++boundaryCount}`;
  const body = parts.map((part) => `--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n${part.body}\r\n`).join('');
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`], body: `${body}--${boundary}--\r\n` };
}

function textPart(subtype, text) {
  return {
    headers: [`Content-Type: text/${subtype}; charset=utf-8`, 'Content-Transfer-Encoding: quoted-printable'],
    body: text
      .replace(/\r?\n/g, '\r\n')
      .split('\r\n')
      .map((line) => quotedPrintableLine(Buffer.from(line)))
      .join('\r\n'),
  };
}

function attachmentPart({ filename, contentType, bytes }) {
  // RFC 2231 for the file name, which any client reads; name= for the old ones
  const encoded = `UTF-8''${encodeURIComponent(filename)}`;
  return {
    headers: [`Content-Type: ${contentType}; name="${encodeHeaderText(filename)}"`, `Content-Disposition: attachment; filename*=${encoded}`, 'Content-Transfer-Encoding: base64'],
    body: base64Lines(bytes).join('\r\n'),
  };
}

/** `"Name" <address>`, or the name as encoded words when it is not printable ASCII. */
export function formatAddress({ name, address }) {
  if (PRINTABLE_ASCII.test(name)) return `"${name.replace(/["\\]/g, '\\$&')}" <${address}>`;
  return `${encodeWords(name)} <${address}>`;
}

/** Printable ASCII as it is, anything else as UTF-8 B encoded words. */
export function encodeHeaderText(text) {
  return PRINTABLE_ASCII.test(text) ? text : encodeWords(text);
}

/**
 * `text` as RFC 2047 encoded words of at most 75 characters, split between characters (never
 * inside one) and each encoded on its own, so a stateful charset like ISO-2022-JP starts and
 * ends every word in ASCII as RFC 1468 requires. Words are folded onto continuation lines.
 * `encoding` is 'B' or 'Q'; `toBytes` turns characters into bytes of `charset`.
 */
export function encodeWords(text, { charset = 'UTF-8', encoding = 'B', toBytes = (chars) => Buffer.from(chars) } = {}) {
  const wrap = (chars) => {
    const bytes = toBytes(chars);
    const payload = encoding === 'B' ? bytes.toString('base64') : qWord(bytes);
    return `=?${charset}?${encoding}?${payload}?=`;
  };
  const words = [];
  let chunk = '';
  for (const char of text) {
    if (chunk && wrap(chunk + char).length > MAX_WORD) {
      words.push(wrap(chunk));
      chunk = '';
    }
    chunk += char;
  }
  words.push(wrap(chunk));
  return words.join('\r\n ');
}

/** RFC 2047 Q: only letters, digits and a few safe symbols stay literal; space becomes "_". */
function qWord(bytes) {
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (byte === 0x20) out += '_';
    else if (/[A-Za-z0-9!*+\-/]/.test(char)) out += char;
    else out += hexByte(byte);
  }
  return out;
}

/**
 * Quoted-printable (RFC 2045) of one line's bytes, without its line break: soft line breaks
 * keep every output line within 76 characters, and a trailing space is encoded.
 */
export function quotedPrintableLine(bytes) {
  let out = '';
  let width = 0;
  bytes.forEach((byte, i) => {
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || (byte === 32 && i < bytes.length - 1);
    const token = literal ? String.fromCharCode(byte) : hexByte(byte);
    if (width + token.length > 75) {
      out += '=\r\n';
      width = 0;
    }
    out += token;
    width += token.length;
  });
  return out;
}

/** The bytes in base64, as lines of at most 76 characters (no line breaks). */
export function base64Lines(bytes) {
  return bytes.toString('base64').match(/.{1,76}/g) ?? [];
}

function hexByte(byte) {
  return `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

// ---- generated attachments: { filename, contentType, bytes } for buildMessage ----

/** The smallest PDF a viewer opens: one page, one line of Helvetica, and an exact xref table. */
export function pdfAttachment(filename, title) {
  const stream = `BT /F1 24 Tf 72 720 Td (${title}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { filename, contentType: 'application/pdf', bytes: Buffer.from(pdf, 'latin1') };
}

/** `rows` (arrays of cells, no quoting needed) as a CSV file with CRLF line endings. */
export function csvAttachment(filename, rows) {
  return { filename, contentType: 'text/csv', bytes: Buffer.from(`${rows.map((row) => row.join(',')).join('\r\n')}\r\n`) };
}

/** A 64x64 RGB gradient PNG. */
export function pngAttachment(filename) {
  // Filter byte 0, then RGB per pixel, deflated
  const size = 64;
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) raw.set([x * 4, y * 4, 160], y * (size * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const bytes = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  return { filename, contentType: 'image/png', bytes };
}

// zlib.crc32 exists only from Node 20.15; package.json allows 20.9
function crc32(data) {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
