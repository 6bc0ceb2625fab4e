// The 25 MB attachment: its time (floor and Wren), and Wren's RSS growth while it streams,
// sampled every 50 ms from /proc, with a fast reader and with one reading at 1 MB/s. Two floors:
// imapflow's download, and the lowest one (#22's), one FETCH BINARY of the whole part read
// straight from a socket (raw-imap.mjs), which is what Wren sends too (server/mail/mime/part-stream.ts).
// Every download has a deadline: the bench never hangs here.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { BIG_ATTACHMENT_BYTES } from './corpus.mjs';
import * as floor from './floor.mjs';
import { openRawSession } from './raw-imap.mjs';
import { messageId } from './ops.mjs';
import { childrenCpuMs, cpuMsOf, withRssSampling } from './proc.mjs';
import { measurePair, summarize, withDeadline } from './stats.mjs';

const MB = 1024 * 1024;
const RSS_LIMIT_MB = 32;
/** The longest a fast download may take before the bench gives up on it. */
const FAST_DEADLINE_MS = 60_000;
const round1 = (x) => Math.round(x * 10) / 10;

/** The largest leaf of a BODYSTRUCTURE: the attachment. */
function largestPart(node) {
  if (!node.childNodes) return node;
  return node.childNodes.map(largestPart).reduce((a, b) => ((b.size ?? 0) > (a.size ?? 0) ? b : a));
}

async function readAll(res) {
  if (!res.ok) throw new Error(`attachment -> ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  return bytes;
}

/** Wren's attachment read at once, failing after FAST_DEADLINE_MS. */
async function fastDownload(wren, url) {
  const signal = AbortSignal.timeout(FAST_DEADLINE_MS);
  return readAll(await wren.request('GET', url, undefined, { signal }));
}

/**
 * GET with node:http, reading at `bytesPerSecond` by pausing the response between chunks;
 * destroyed (and failed) a minute after the time its pace needs.
 */
function slowDownload(url, cookie, bytesPerSecond) {
  let req;
  const deadlineMs = (BIG_ATTACHMENT_BYTES / bytesPerSecond) * 1000 + 60_000;
  return withDeadline(() => new Promise((resolve, reject) => {
    const started = performance.now();
    req = http.get(url, { headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`attachment -> ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (chunk) => {
        bytes += chunk.length;
        const ahead = (bytes / bytesPerSecond) * 1000 - (performance.now() - started);
        if (ahead > 0) {
          res.pause();
          setTimeout(() => res.resume(), ahead);
        }
      });
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    });
    req.on('error', reject);
  }), deadlineMs, 'slow attachment download', () => req?.destroy());
}

function expectBytes(bytes) {
  if (bytes !== BIG_ATTACHMENT_BYTES) throw new Error(`attachment: got ${bytes} bytes, expected ${BIG_ATTACHMENT_BYTES}`);
}

/** Result records for the 25 MB attachment in `folder` (the manifest entry holding it). */
export async function attachmentResults(ctx, folder) {
  const { floorClient: client, wren, target } = ctx;
  const path = folder.path;
  const found = await floor.withMailbox(client, path, () => client.search({ header: { 'message-id': folder.big.messageId } }, { uid: true }));
  if (!found?.length) throw new Error('the 25 MB message is not in the mailbox');
  const uid = found[0];
  const { uidValidity } = await floor.withMailbox(client, path, async (mailbox) => mailbox);
  const msg = await floor.withMailbox(client, path, () => client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true }));
  const part = largestPart(msg.bodyStructure).part;
  const url = `/api/messages/${messageId(uidValidity, uid, path)}/attachments/${part}`;

  // The slow reader goes first: RSS seldom shrinks, so after the fast downloads the memory a
  // buffering server would need could already be resident and go unseen.
  const rate = ctx.smoke ? 10 * MB : MB;
  const started = performance.now();
  const slow = await withRssSampling(target.wrenPid, () => slowDownload(target.wrenUrl + url, wren.cookie, rate));
  const slowMs = performance.now() - started;
  expectBytes(slow.value);
  const slowGrowth = slow.growth / MB;

  const growths = { floor: [], wren: [] };
  const timing = await measurePair(
    async () => {
      // The floor's own growth (this process), for comparison: what imapflow alone costs.
      const download = () => floor.downloadPart(client, path, uid, part);
      const sampled = await withRssSampling(process.pid, () => withDeadline(download, FAST_DEADLINE_MS, 'floor download', () => client.close()));
      expectBytes(sampled.value);
      growths.floor.push(sampled.growth);
    },
    async () => {
      const sampled = await withRssSampling(target.wrenPid, () => fastDownload(wren, url));
      expectBytes(sampled.value);
      growths.wren.push(sampled.growth);
    },
    ctx.reps.attach,
  );
  const [raw, cpu] = await rawFloorRow(ctx, path, uid, part, url);
  const fastGrowth = Math.max(...growths.wren) / MB;
  const floorGrowth = Math.max(...growths.floor) / MB;

  const mailbox = path;
  return [
    { op: 'attachment 25 MB', mailbox, ...timing },
    raw,
    cpu,
    {
      op: 'attachment 25 MB: Wren RSS growth',
      mailbox,
      value: round1(fastGrowth),
      unit: 'MB',
      target: `< ${RSS_LIMIT_MB} MB`,
      pass: fastGrowth < RSS_LIMIT_MB,
      note: `largest growth over ${growths.wren.length} downloads; the floor process grew ${round1(floorGrowth)} MB doing the same`,
    },
    {
      op: `attachment 25 MB, ${rate / MB} MB/s reader: RSS growth`,
      mailbox,
      wren: summarize([slowMs]),
      value: round1(slowGrowth),
      unit: 'MB',
      target: `< ${RSS_LIMIT_MB} MB`,
      pass: slowGrowth < RSS_LIMIT_MB,
      rssSeries: slow.series,
      note: ctx.smoke ? 'smoke run reads at 10 MB/s, not 1 MB/s' : `RSS growth by second: ${slow.series.filter((_, i) => i % 5 === 0).map(([t, mb]) => `${t}s +${mb}`).join(', ')} MB`,
    },
  ];
}

/**
 * Wren's attachment read at once with node:http, counting the bytes of each 'data' event:
 * the leanest HTTP reader Node has, for the row judged against the raw socket floor (whose
 * reader is a bare socket). fetch() (undici's web stream, fastDownload) spent 52-54 ms of CPU
 * on the 25 MB where this spends 26-34, on a machine whose two cores the reader shares with
 * Wren and Dovecot (docs/PERFORMANCE.md, "#22 attachments: where a download's CPU goes").
 */
function leanDownload(url, cookie) {
  let req;
  return withDeadline(() => new Promise((resolve, reject) => {
    req = http.get(url, { headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`attachment -> ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (chunk) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    });
    req.on('error', reject);
  }), FAST_DEADLINE_MS, 'attachment download', () => req?.destroy());
}

/**
 * Runs `fn` and pushes the CPU ms it cost to `into`: { server: Wren's process (0 for the floor),
 * dovecot: the bench Dovecot's imap processes (when target.dovecotPid is known), client: this
 * process (the bench reading the bytes) }. On a shared two-core machine these say where a
 * download's time goes better than its wall time: the three processes take turns on the cores.
 */
async function withCpu(target, into, fn) {
  const self = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const server = () => cpuMsOf(target.wrenPid);
  const dovecot = () => (target.dovecotPid ? childrenCpuMs(target.dovecotPid) : 0);
  const before = { server: server(), dovecot: dovecot(), client: self() };
  const value = await fn();
  into.push({ server: server() - before.server, dovecot: dovecot() - before.dovecot, client: self() - before.client });
  return value;
}

/** The CPU row: per download, p50 of each process's CPU ms, Wren's path against the raw floor's. */
function cpuRow(mailbox, cpu, dovecotKnown) {
  const p50 = (list, key) => summarize(list.slice(1).map((c) => c[key])).p50;
  const wren = { server: p50(cpu.wren, 'server'), dovecot: p50(cpu.wren, 'dovecot'), client: p50(cpu.wren, 'client') };
  let floorDovecot = p50(cpu.floor, 'dovecot');
  if (!dovecotKnown) wren.dovecot = floorDovecot = 'unknown (no dovecotPid)';
  const floorClient = p50(cpu.floor, 'client');
  return {
    op: 'attachment 25 MB: CPU ms per download (Wren, Dovecot, client)',
    mailbox,
    value: wren.server,
    unit: 'ms CPU',
    note: `p50 over the warm rounds; Wren's path: Wren ${wren.server}, Dovecot ${wren.dovecot}, the bench's node:http reader ${wren.client}; the raw floor: Dovecot ${floorDovecot}, its socket reader ${floorClient} (10 ms clock ticks for Wren and Dovecot)`,
  };
}

/**
 * #22's floor: one `UID FETCH uid BINARY.PEEK[part]` of the whole part on a raw socket of its own
 * (logged in and selected untimed), time to the tagged OK after the literal's last byte, taking
 * turns with Wren's fast download read by node:http (leanDownload). The target: Wren no slower than it.
 */
async function rawFloorRow(ctx, path, uid, part, url) {
  const { target, wren } = ctx;
  const op = 'attachment 25 MB (floor: one FETCH BINARY from the socket)';
  const raw = await openRawSession(target, path);
  const cpu = { floor: [], wren: [] };
  try {
    const timing = await measurePair(
      () => withCpu(target, cpu.floor, async () => expectBytes(await raw.fetchPart(uid, part))),
      () => withCpu(target, cpu.wren, async () => expectBytes(await leanDownload(target.wrenUrl + url, wren.cookie))),
      ctx.reps.attach,
    );
    const judged = !ctx.smoke && timing.floor.p50 !== null;
    return [
      {
        op,
        mailbox: path,
        ...timing,
        ...(judged ? { target: '<= the floor', pass: timing.wren.p50 <= timing.floor.p50 } : {}),
        note: "floor: one UID FETCH BINARY.PEEK[part] of the whole part on a raw TCP connection, to the tagged OK after its last byte; Wren read with node:http (the row 'attachment 25 MB' reads it with fetch())",
      },
      cpuRow(path, cpu, Boolean(target.dovecotPid)),
    ];
  } finally {
    await raw.close();
  }
}

/**
 * For `node scripts/bench/run-module.mjs scripts/bench/attachment.mjs target.json` and
 * `npm run bench -- --only attach`: the attachment step alone, on the folder of the manifest
 * (target.manifest) that holds the 25 MB message.
 */
export async function run(target) {
  const { WrenClient } = await import('./wren-http.mjs');
  const manifest = JSON.parse(await readFile(target.manifest, 'utf8'));
  const folder = manifest.folders.find((f) => f.big);
  const floorClient = await floor.connectFloor(target);
  try {
    const wren = await new WrenClient(target.wrenUrl).signIn(target.user, target.pass);
    const reps = { attach: target.attachReps ?? (target.smoke ? 1 : 5) };
    return await attachmentResults({ target, floorClient, wren, smoke: target.smoke, reps }, folder);
  } finally {
    await Promise.race([floorClient.logout().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000))]);
    floorClient.close();
  }
}
