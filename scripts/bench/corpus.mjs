// The bench's generated mail: message i of an n-message mailbox, the same on every machine
// (a seeded PRNG per message, so any message can be built without building the ones before).
import { buildMessage, pdfAttachment } from '../lib/mime.mjs';

/** Sentinel words and how often they occur: searches then have known result counts. */
export const SENTINELS = {
  subject: { word: 'zephyr', every: 100, at: 37 }, // exactly 1% of subjects
  body: { word: 'quokka', every: 200, at: 11 }, // exactly 0.5% of bodies
};
export const BIG_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const START = Date.UTC(2023, 0, 1);

// No word here contains a sentinel, so the sentinel counts are exact.
const WORDS = (
  'quarterly report meeting budget review draft update invoice schedule project launch ' +
  'team notes agenda follow-up question proposal contract design feedback release travel ' +
  'lunch plans customer support ticket summary weekly status roadmap hiring offer office ' +
  'migration server backup holiday photos recipe garden bicycle concert library museum'
).split(' ');
const SENDERS = [
  ['Ada Lovelace', 'ada@example.com'],
  ['Grace Hopper', 'grace@example.net'],
  ['Alan Turing', 'alan@example.org'],
  ['Katherine Johnson', 'katherine@example.com'],
  ['Edsger Dijkstra', 'edsger@example.net'],
  ['Barbara Liskov', 'barbara@example.org'],
  ['Ken Thompson', 'ken@example.com'],
  ['Margaret Hamilton', 'margaret@example.net'],
  ['Donald Knuth', 'don@example.org'],
  ['Frances Allen', 'fran@example.com'],
];

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` pseudo-random bytes from `seed` (attachments that do not compress, like real ones). */
export function randomBytes(length, seed) {
  const words = new Uint32Array(Math.ceil(length / 4));
  let x = (seed >>> 0) || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return Buffer.from(words.buffer, 0, length);
}

const hasSubjectSentinel = (i) => i % SENTINELS.subject.every === SENTINELS.subject.at;
const hasBodySentinel = (i) => i % SENTINELS.body.every === SENTINELS.body.at;

/** How many of messages 0..n-1 carry each sentinel. */
export function expectedHits(n) {
  let subject = 0;
  let body = 0;
  for (let i = 0; i < n; i++) {
    if (hasSubjectSentinel(i)) subject++;
    if (hasBodySentinel(i)) body++;
  }
  return { subject, body };
}

function words(rand, count) {
  return Array.from({ length: count }, () => WORDS[Math.floor(rand() * WORDS.length)]);
}

function paragraphs(rand, count, sentinel) {
  const out = Array.from({ length: count }, () => `${words(rand, 30 + Math.floor(rand() * 90)).join(' ')}.`);
  if (sentinel) out.splice(Math.floor(out.length / 2), 0, `Did you see the ${SENTINELS.body.word} at the zoo?`);
  return out;
}

/**
 * Message i of an n-message mailbox: { raw (Buffer), date, flags (Maildir letters), shape }.
 * Shapes: 45% plain text, 35% HTML with a plain alternative, about 20% with one or two small
 * attachments (2-30 KB), 0.3% with a larger one (200 KB - 1 MB); `big` adds a 25 MB one.
 */
export function benchMessage(i, n, { big = false } = {}) {
  const rand = prng(i * 2654435761 + n);
  const date = new Date(START + i * 60_000);
  const [name, address] = SENDERS[Math.floor(rand() * SENDERS.length)];
  const subjectWords = words(rand, 3 + Math.floor(rand() * 6));
  if (hasSubjectSentinel(i)) subjectWords.splice(1, 0, SENTINELS.subject.word);
  const subject = `${subjectWords.join(' ')} #${i + 1}`;
  const paras = paragraphs(rand, 1 + Math.floor(rand() * 5), hasBodySentinel(i));
  const r = rand();
  const shape = big ? 'big' : r < 0.45 ? 'plain' : r < 0.8 ? 'html' : r < 0.997 ? 'attachment' : 'large';
  const attachments = [];
  if (shape === 'attachment') {
    attachments.push(pdfAttachment(`summary-${i + 1}.pdf`, subject));
    if (rand() < 0.5) attachments.push(blob(`data-${i + 1}.bin`, 2048 + Math.floor(rand() * 28 * 1024), i));
  }
  if (shape === 'large') attachments.push(blob(`archive-${i + 1}.zip`, 200 * 1024 + Math.floor(rand() * 824 * 1024), i));
  if (shape === 'big') attachments.push(blob('video-25MB.bin', BIG_ATTACHMENT_BYTES, i));
  const raw = buildMessage({
    from: { name, address },
    to: [{ name: 'Bench User', address: 'bench@example.com' }],
    subject,
    date,
    id: `<bench-${n}-${i + 1}@wren.test>`,
    text: paras.join('\n\n'),
    html: shape === 'plain' ? undefined : `<html><body>${paras.map((p) => `<p>${p}</p>`).join('')}</body></html>`,
    attachments,
  });
  // Older mail has been read; the newest tenth is mostly unread. A few are flagged.
  const seen = i < n * 0.9 ? rand() < 0.97 : rand() < 0.3;
  const flags = `${rand() < 0.02 ? 'F' : ''}${seen ? 'S' : ''}`;
  return { raw: Buffer.from(raw), date, flags, shape };
}

function blob(filename, size, seed) {
  return { filename, contentType: 'application/octet-stream', bytes: randomBytes(size, seed + size) };
}
