// The 25 MB attachment: its time (floor and Wren), and Wren's RSS growth while it streams,
// sampled every 50 ms from /proc, with a fast reader and with one reading at 1 MB/s.
import http from 'node:http';
import { BIG_ATTACHMENT_BYTES } from './corpus.mjs';
import * as floor from './floor.mjs';
import { messageId } from './ops.mjs';
import { withRssSampling } from './proc.mjs';
import { measurePair, summarize } from './stats.mjs';

const MB = 1024 * 1024;
const RSS_LIMIT_MB = 32;
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

/** GET with node:http, reading at `bytesPerSecond` by pausing the response between chunks. */
function slowDownload(url, cookie, bytesPerSecond) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(url, { headers: { cookie } }, (res) => {
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
  });
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
      const sampled = await withRssSampling(process.pid, () => floor.downloadPart(client, path, uid, part));
      expectBytes(sampled.value);
      growths.floor.push(sampled.growth);
    },
    async () => {
      const sampled = await withRssSampling(target.wrenPid, async () => readAll(await wren.request('GET', url)));
      expectBytes(sampled.value);
      growths.wren.push(sampled.growth);
    },
    ctx.reps.attach,
  );
  const fastGrowth = Math.max(...growths.wren) / MB;
  const floorGrowth = Math.max(...growths.floor) / MB;

  const mailbox = path;
  return [
    { op: 'attachment 25 MB', mailbox, ...timing },
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
