#!/usr/bin/env node
// Writes the bench mailboxes straight into a Maildir (no APPEND: 100,000 messages in well under
// a few minutes) and a manifest of what it wrote, which the bench checks its searches against.
//
//   node scripts/bench/generate.mjs --maildir DIR --sizes 1000,10000 --big-in 10000 --manifest FILE
//
// Each mailbox is its own folder, Bench<size> (Bench1k, Bench10k, Bench100k); BenchMoved (the
// move target) and BenchLive (where new mail arrives) are created empty. Dovecot indexes a folder
// on its first SELECT or STATUS: the bench times that as first touch, apart from warm figures.
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchMessage, expectedHits, SENTINELS } from './corpus.mjs';

/** "Bench1k" for 1000, "Bench10k" for 10000. */
export function folderName(size) {
  return size % 1000 === 0 ? `Bench${size / 1000}k` : `Bench${size}`;
}

function makeMaildir(dir) {
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(dir, sub), { recursive: true });
}

/**
 * Writes one mailbox of `size` messages. File names carry the size (S=, W= as the files are
 * CRLF already), so Dovecot need not stat or read a file to answer RFC822.SIZE, and start with
 * the arrival time in seconds, which orders the UIDs Dovecot gives them. The mtime is
 * INTERNALDATE.
 */
function writeMailbox(maildir, size, bigAt) {
  const folder = folderName(size);
  const dir = path.join(maildir, folder);
  makeMaildir(dir);
  const shapes = {};
  let bytes = 0;
  let big = null;
  for (let i = 0; i < size; i++) {
    const msg = benchMessage(i, size, { big: i === bigAt });
    const seconds = Math.floor(msg.date.getTime() / 1000);
    const name = `${seconds}.M${i}P1.wrenbench,S=${msg.raw.length},W=${msg.raw.length}:2,${msg.flags}`;
    const file = path.join(dir, 'cur', name);
    writeFileSync(file, msg.raw);
    utimesSync(file, msg.date, msg.date);
    shapes[msg.shape] = (shapes[msg.shape] ?? 0) + 1;
    bytes += msg.raw.length;
    if (i === bigAt) big = { index: i, messageId: `<bench-${size}-${i + 1}@wren.test>`, bytes: msg.raw.length };
  }
  return { path: folder, count: size, hits: expectedHits(size), shapes, bytes, big };
}

export function generate({ maildir, sizes, bigIn }) {
  const started = performance.now();
  const folders = sizes.map((size) => {
    // The 25 MB message sits 1,000 from the newest: in no first page, in every full scan.
    const bigAt = size === bigIn ? Math.max(0, size - 1000) : -1;
    return writeMailbox(maildir, size, bigAt);
  });
  for (const empty of ['BenchMoved', 'BenchLive']) makeMaildir(path.join(maildir, empty));
  return {
    sentinels: { subject: SENTINELS.subject.word, body: SENTINELS.body.word },
    folders,
    empty: { moved: 'BenchMoved', live: 'BenchLive' },
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      maildir: { type: 'string' },
      sizes: { type: 'string', default: '1000,10000' },
      'big-in': { type: 'string', default: '10000' },
      manifest: { type: 'string' },
    },
  });
  if (!values.maildir || !values.manifest) {
    console.error('usage: node scripts/bench/generate.mjs --maildir DIR --manifest FILE [--sizes 1000,10000] [--big-in 10000]');
    process.exit(2);
  }
  const sizes = values.sizes.split(',').map(Number);
  const manifest = generate({ maildir: values.maildir, sizes, bigIn: Number(values['big-in']) });
  writeFileSync(values.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  const total = manifest.folders.reduce((s, f) => s + f.bytes, 0);
  const list = manifest.folders.map((f) => `${f.path} (${f.count})`).join(', ');
  console.log(`generate: ${list}: ${(total / 1048576).toFixed(0)} MB in ${manifest.seconds}s`);
}
