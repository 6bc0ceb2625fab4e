#!/usr/bin/env node
// Loads mail into an IMAP account over APPEND, either from a directory of .eml files (one
// subdirectory per folder, nested like the folder tree) or as N synthetic messages.
//
//   node scripts/seed.mjs --host 127.0.0.1 --port 10199 --user alice --pass secret --dir e2e/seed/mail
//   node scripts/seed.mjs ... --generate 10000 --folder Bulk
//
// Flags come from the file name: 003.seen.flagged.eml gets \Seen and \Flagged (.answered. too).
// INTERNALDATE is the message's Date: header, or now when it has none. --if-empty skips every
// folder that already holds messages, so seeding twice does not duplicate anything.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  SeedError,
  appendMessages,
  connectOrThrow,
  countMessages,
  ensureFolder,
  parseCliArgs,
  parseDateHeader,
  runMain,
  toServerPath,
} from './lib/imap-seed.mjs';
import { formatDate } from './lib/mime.mjs';

const USAGE = `usage: node scripts/seed.mjs --host H --port P --user U --pass P
         (--dir DIR | --generate N --folder PATH) [--if-empty]`;

const FLAG_WORDS = { seen: '\\Seen', flagged: '\\Flagged', answered: '\\Answered' };
const BULK_SENDERS = [
  ['Ada Lovelace', 'ada@example.com'],
  ['Grace Hopper', 'grace@example.net'],
  ['Alan Turing', 'alan@example.org'],
  ['Katherine Johnson', 'katherine@example.com'],
  ['Edsger Dijkstra', 'edsger@example.net'],
];
const BULK_START = Date.UTC(2024, 0, 1);

runMain('seed', async () => {
  const args = parseCliArgs(
    process.argv.slice(2),
    {
      dir: { type: 'string' },
      generate: { type: 'string' },
      folder: { type: 'string' },
      'if-empty': { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (Boolean(args.dir) === Boolean(args.generate)) throw new SeedError(`give either --dir or --generate\n\n${USAGE}`);
  const jobs = args.dir ? await readMailDir(args.dir) : [bulkJob(args)];

  const started = performance.now();
  const client = await connectOrThrow(args);
  const totals = { messages: 0, folders: 0, skipped: [] };
  try {
    for (const job of jobs) {
      const serverPath = toServerPath(client, job.folder);
      await ensureFolder(client, serverPath);
      if (args['if-empty'] && (await countMessages(client, serverPath)) > 0) {
        totals.skipped.push(job.folder);
        continue;
      }
      totals.messages += await appendMessages(client, serverPath, job.messages());
      totals.folders++;
    }
  } finally {
    await client.logout().catch(() => {});
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const skipped = totals.skipped.length ? `, skipped non-empty: ${totals.skipped.join(', ')}` : '';
  const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const summary = `appended ${plural(totals.messages, 'message')} to ${plural(totals.folders, 'folder')} in ${seconds}s`;
  console.log(`seed: ${summary}${skipped}`);
});

/**
 * One job per directory under `root` (parents before children), each yielding its .eml files
 * in file-name order. Files are read lazily so a large directory is never held in memory.
 */
async function readMailDir(root) {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (err) {
    throw new SeedError(`cannot read --dir ${root}: ${err.code || err.message}`);
  }
  const folders = new Map();
  const folderOf = (dir) => path.relative(root, dir).split(path.sep).join('/');
  for (const entry of entries) {
    const parent = entry.parentPath ?? entry.path;
    if (entry.isDirectory()) {
      const folder = folderOf(path.join(parent, entry.name));
      if (!folders.has(folder)) folders.set(folder, []);
    } else if (entry.isFile() && entry.name.endsWith('.eml') && folderOf(parent)) {
      const folder = folderOf(parent);
      if (!folders.has(folder)) folders.set(folder, []);
      folders.get(folder).push(path.join(parent, entry.name));
    }
  }
  if (!folders.size) throw new SeedError(`--dir ${root} has no folder subdirectories`);

  // Code-point order, not locale order, so the arrival order never depends on the machine
  const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return [...folders.keys()].sort(byCodePoint).map((folder) => ({
    folder,
    async *messages() {
      for (const file of folders.get(folder).sort(byCodePoint)) {
        const raw = await readFile(file);
        yield { raw, flags: flagsFromFileName(path.basename(file)), date: parseDateHeader(raw) ?? new Date() };
      }
    },
  }));
}

/** "003.seen.flagged.eml" -> ['\\Seen', '\\Flagged']: only the words between dots count. */
function flagsFromFileName(name) {
  const words = name.split('.').slice(1, -1);
  return Object.entries(FLAG_WORDS)
    .filter(([word]) => words.includes(word))
    .map(([, flag]) => flag);
}

function bulkJob({ generate, folder }) {
  const count = Number(generate);
  if (!Number.isInteger(count) || count < 1) throw new SeedError(`--generate needs a positive count, got "${generate}"`);
  if (!folder) throw new SeedError(`--generate needs --folder\n\n${USAGE}`);
  return {
    folder,
    async *messages() {
      for (let i = 1; i <= count; i++) {
        const date = new Date(BULK_START + (i - 1) * 60_000);
        yield { raw: bulkMessage(i, date), date };
      }
    },
  };
}

function bulkMessage(i, date) {
  const [name, address] = BULK_SENDERS[i % BULK_SENDERS.length];
  return [
    `From: ${name} <${address}>`,
    'To: Wren Tester <tester@example.com>',
    `Subject: Bulk message #${i}`,
    `Date: ${formatDate(date)}`,
    `Message-ID: <bulk-${i}@wren.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    `This is bulk message number ${i}, generated to fill a large folder.`,
    `It was sent by ${name}.`,
    '',
  ].join('\r\n');
}
