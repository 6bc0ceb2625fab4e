#!/usr/bin/env node
// Writes the charset test fixtures, e2e/seed/mail/Charsets/*.eml, and their entries in
// e2e/seed/manifest.json (entries of other folders are kept as they are). Run it again after
// editing a sentence below; the output is deterministic.
//
//   node scripts/make-charset-fixtures.mjs
//
// The bytes come from iconv-lite, except ISO-2022-JP, which iconv-lite cannot encode: that
// one comes from encoding-japanese (the decoder imapflow itself uses for it).
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import encodingJapanese from 'encoding-japanese';
import { base64Lines, encodeWords, formatDate, quotedPrintableLine } from './lib/mime.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', 'e2e', 'seed');
const FOLDER = 'Charsets';
const FROM = { name: 'Charset Tester', address: 'charsets@example.com' };
const TO = { name: 'Alice Example', address: 'alice@example.com' };

// One message per charset. `encoding` is the Content-Transfer-Encoding of the body and
// `wordEncoding` the RFC 2047 encoding of the subject, varied so both decoders are exercised.
const FIXTURES = [
  { charset: 'UTF-8', encoding: '8bit', wordEncoding: 'B', subject: 'UTF-8: Grüße ☃ 🐦', text: 'Ünïcödé snowman ☃, a wren 🐦 and “quotes” in UTF-8.' },
  { charset: 'ISO-8859-1', encoding: 'quoted-printable', wordEncoding: 'Q', subject: 'Français: déjà vu à Zürich', text: 'Ça va très bien, garçon ? Ñandú, Ærøskøbing, Straße.' },
  { charset: 'ISO-8859-2', encoding: 'quoted-printable', wordEncoding: 'Q', subject: 'Příliš žluťoučký kůň', text: 'Zażółć gęślą jaźń. Příliš žluťoučký kůň úpěl ďábelské ódy.' },
  { charset: 'Windows-1251', encoding: 'base64', wordEncoding: 'B', subject: 'Привет из Windows-1251', text: 'Съешь же ещё этих мягких французских булок, да выпей чаю.' },
  // 0x80-0x9F hold printable characters in Windows-1252 and C1 controls in ISO-8859-1
  { charset: 'Windows-1252', encoding: 'quoted-printable', wordEncoding: 'Q', subject: 'Price: 5 € – “smart” œuvre™', text: 'Price: 5 € – “smart quotes” … œuvre, Škoda™.' },
  { charset: 'Shift_JIS', encoding: 'base64', wordEncoding: 'B', subject: 'シフトJISの件名です', text: '日本語のテキストです。カタカナ、ひらがな、漢字。' },
  { charset: 'ISO-2022-JP', encoding: '7bit', wordEncoding: 'B', subject: 'ISO-2022-JPの件名です', text: 'こんにちは、世界。これはJISのメールです。' },
  // 𠮷 (U+20BB7) is a four-byte sequence in GB18030 and does not exist in GBK at all
  { charset: 'GB18030', encoding: 'base64', wordEncoding: 'B', subject: '中文主题：你好 GB18030', text: '简体中文测试：你好，世界！𠮷野家' },
  { charset: 'KOI8-R', encoding: '8bit', wordEncoding: 'B', subject: 'Тест кодировки KOI8-R', text: 'Широкая электрификация южных губерний даст мощный толчок подъёму сельского хозяйства.' },
];

function encode(text, charset) {
  if (charset === 'ISO-2022-JP') {
    const codes = encodingJapanese.convert(encodingJapanese.stringToCode(text), { to: 'JIS', from: 'UNICODE' });
    return Buffer.from(codes);
  }
  const bytes = iconv.encode(text, charset);
  // iconv-lite writes "?" for a character the charset lacks instead of failing
  if (iconv.decode(bytes, charset) !== text) throw new Error(`${charset} cannot represent: ${text}`);
  return bytes;
}

/** Body bytes for the transfer encoding, CRLF line endings throughout. */
function encodeBody(lines, charset, encoding) {
  const encodedLines = lines.map((line) => encode(line, charset));
  const crlfLines = Buffer.concat(encodedLines.flatMap((line) => [line, Buffer.from('\r\n')]));
  if (encoding === 'base64') return Buffer.from(`${base64Lines(crlfLines).join('\r\n')}\r\n`);
  if (encoding === 'quoted-printable') return Buffer.from(encodedLines.map((line) => `${quotedPrintableLine(line)}\r\n`).join(''));
  return crlfLines;
}

function buildMessage(fixture, index) {
  const date = new Date(Date.UTC(2024, 4, 1 + index, 9, 30));
  const messageId = `<charset-${fixture.charset.toLowerCase()}@wren.test>`;
  const toBytes = (chars) => encode(chars, fixture.charset);
  const header = [
    `From: ${FROM.name} <${FROM.address}>`,
    `To: ${TO.name} <${TO.address}>`,
    `Subject: ${encodeWords(fixture.subject, { charset: fixture.charset, encoding: fixture.wordEncoding, toBytes })}`,
    `Date: ${formatDate(date)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset=${fixture.charset}`,
    `Content-Transfer-Encoding: ${fixture.encoding}`,
    '',
    '',
  ].join('\r\n');
  const body = encodeBody(['Hello,', '', fixture.text, '', `(${fixture.charset}, ${fixture.encoding})`], fixture.charset, fixture.encoding);
  const file = `${String(index + 1).padStart(2, '0')}.${fixture.charset.toLowerCase()}.seen.eml`;
  const entry = {
    folder: FOLDER,
    file,
    uid: index + 1,
    messageId,
    date: date.toISOString(),
    subject: fixture.subject,
    from: FROM,
    to: [TO],
    flags: ['\\Seen'],
    charset: fixture.charset,
    transferEncoding: fixture.encoding,
    subjectEncoding: fixture.wordEncoding,
    textContains: [fixture.text],
    attachments: [],
  };
  return { file, raw: Buffer.concat([Buffer.from(header), body]), entry };
}

async function main() {
  const dir = path.join(ROOT, 'mail', FOLDER);
  await mkdir(dir, { recursive: true });
  for (const old of await readdir(dir)) if (old.endsWith('.eml')) await rm(path.join(dir, old));
  const messages = FIXTURES.map(buildMessage);
  for (const { file, raw } of messages) await writeFile(path.join(dir, file), raw);

  const manifestPath = path.join(ROOT, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8').catch(() => '{"folders":{},"messages":[]}'));
  const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  manifest.folders = Object.fromEntries(
    Object.entries({ ...manifest.folders, [FOLDER]: messages.length }).sort(([a], [b]) => byCodePoint(a, b)),
  );
  manifest.messages = [...manifest.messages.filter((m) => m.folder !== FOLDER), ...messages.map((m) => m.entry)].sort(
    (a, b) => byCodePoint(a.folder, b.folder) || byCodePoint(a.file, b.file),
  );
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`make-charset-fixtures: wrote ${messages.length} messages to ${path.relative(process.cwd(), dir)}`);
}

await main();
