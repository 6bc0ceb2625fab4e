// The FETCH BINARY windows Wren could stream an attachment in (server/mail/mime/part-stream.ts),
// 256 KiB to 8 MiB, on imapflow alone in this process: time for a fast reader (one window ahead,
// and two: the next FETCH queued before the last arrived), and this process's RSS growth for a
// fast reader and for one taking 1 MB/s (each window kept until the reader has taken it, as a
// window waits in Wren for the reader's socket). Full runs and `npm run bench -- --only attach`;
// never in the smoke run (the slow reader alone takes 25 s per size).
// Each measurement runs on a connection of its own under a deadline: past it the connection is
// closed (which fails what waits on it) and the row says so; the sweep goes on.
import { setTimeout as sleep } from 'node:timers/promises';
import { BIG_ATTACHMENT_BYTES } from './corpus.mjs';
import { connectFloor, withMailbox } from './floor.mjs';
import { withRssSampling } from './proc.mjs';
import { summarize } from './stats.mjs';

const KiB = 1024;
const MB = 1024 * 1024;
export const SWEEP_WINDOWS = [256 * KiB, 512 * KiB, MB, 2 * MB, 4 * MB, 8 * MB];
const round1 = (x) => Math.round(x * 10) / 10;

/** `fn(client)` on a fresh floor connection, failing after `ms` (the connection then closed). */
async function onOwnConnection(target, ms, what, fn) {
  const client = await connectFloor(target);
  let timer;
  try {
    return await Promise.race([
      fn(client),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          client.close();
          reject(new Error(`${what}: no answer within ${ms / 1000} s`));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await Promise.race([client.logout().catch(() => {}), sleep(2000)]);
    client.close();
  }
}

/**
 * Part `part` of `uid` in FETCH BINARY windows of `window` bytes, `ahead` FETCHes asked before
 * the reader takes one, the reader taking `bytesPerSecond` (null: at once). Answers the bytes.
 */
export function windowedRead(client, path, uid, part, window, { ahead = 1, bytesPerSecond = null } = {}) {
  return withMailbox(client, path, async () => {
    const fetchWindow = (start) =>
      client.fetchOne(String(uid), { uid: true, bodyParts: [{ key: part, start, maxLength: window }] }, { uid: true, binary: true }).then((msg) => msg?.bodyParts?.get(part) ?? Buffer.alloc(0));
    const queue = [];
    let asked = 0;
    let done = false;
    const ask = () => {
      queue.push(fetchWindow(asked));
      asked += window;
    };
    for (let i = 0; i < ahead; i++) ask();
    const started = performance.now();
    let bytes = 0;
    try {
      while (queue.length) {
        const chunk = await queue.shift();
        bytes += chunk.length;
        if (chunk.length < window) done = true;
        if (!done) ask();
        // The reader takes the chunk: a slow one keeps it until its pace says it has.
        if (bytesPerSecond) {
          const ahead = (bytes / bytesPerSecond) * 1000 - (performance.now() - started);
          if (ahead > 0) await sleep(ahead);
        }
        if (done) break;
      }
    } finally {
      await Promise.allSettled(queue);
    }
    return bytes;
  });
}

/** Result records of the sweep for the 25 MB part (`uid`, `part`) in `path`. */
export async function windowSweep(target, path, uid, part, { reps = 3, slowRate = MB } = {}) {
  const records = [];
  const expect = (bytes) => {
    if (bytes !== BIG_ATTACHMENT_BYTES) throw new Error(`got ${bytes} bytes, expected ${BIG_ATTACHMENT_BYTES}`);
  };
  for (const window of SWEEP_WINDOWS) {
    const label = window >= MB ? `${window / MB} MiB` : `${window / KiB} KiB`;
    for (const ahead of [1, 2]) {
      const op = `attachment 25 MB: imapflow, ${label} windows, ${ahead} ahead`;
      try {
        const { samples, growth } = await onOwnConnection(target, 60_000, op, async (client) => {
          await windowedRead(client, path, uid, part, window, { ahead }).then(expect); // cold, untimed
          const samples = [];
          let growth = 0;
          for (let i = 0; i < reps; i++) {
            const started = performance.now();
            const sampled = await withRssSampling(process.pid, () => windowedRead(client, path, uid, part, window, { ahead }));
            samples.push(performance.now() - started);
            expect(sampled.value);
            growth = Math.max(growth, sampled.growth);
          }
          return { samples, growth };
        });
        records.push({ op, mailbox: path, floor: summarize(samples), value: round1(growth / MB), unit: 'MB', note: 'fast reader; value: this process\'s largest RSS growth' });
      } catch (error) {
        records.push({ op, mailbox: path, error: error.message });
      }
    }
    const op = `attachment 25 MB: imapflow, ${label} windows, ${slowRate / MB} MB/s reader`;
    try {
      const { ms, growth } = await onOwnConnection(target, (BIG_ATTACHMENT_BYTES / slowRate) * 1000 + 60_000, op, async (client) => {
        const started = performance.now();
        const sampled = await withRssSampling(process.pid, () => windowedRead(client, path, uid, part, window, { bytesPerSecond: slowRate }));
        expect(sampled.value);
        return { ms: performance.now() - started, growth: sampled.growth };
      });
      records.push({ op, mailbox: path, floor: summarize([ms]), value: round1(growth / MB), unit: 'MB', note: 'this process\'s RSS growth, each window kept until the reader took it' });
    } catch (error) {
      records.push({ op, mailbox: path, error: error.message });
    }
  }
  return records;
}
