// New mail pushed to an open event stream: a raw imapflow client APPENDs to the watched folder,
// timed until the change arrives. The floor is an imapflow client in IDLE on that folder
// hearing EXISTS; Wren is GET /api/events?folder= (server-sent events) hearing `exists`.
import { buildMessage } from '../lib/mime.mjs';
import { connectFloor } from './floor.mjs';
import { measurePair } from './stats.mjs';
import { WrenClient } from './wren-http.mjs';

const TIMEOUT_MS = 10_000;
const LIMIT_MS = 1000;

/** A promise for the next `count` at or above `wanted`, with a timeout; `arm` sets the hook. */
function waitFor(hooks, side, wanted) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${side}: no new-mail event within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    hooks[side] = (count) => {
      if (count < wanted) return;
      clearTimeout(timer);
      hooks[side] = null;
      resolve();
    };
  });
}

/** Reads a server-sent event stream, calling `onEvent` with each parsed `data:` line. */
async function readEvents(body, onEvent) {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of block.split('\n')) if (line.startsWith('data: ')) onEvent(JSON.parse(line.slice(6)));
      }
    }
  } catch {
    // aborted at the end of the run
  }
}

export async function newMailResults(ctx) {
  const { target, manifest } = ctx;
  const folder = manifest.empty.live;
  const appender = await connectFloor(target);
  const watcher = await connectFloor(target);
  const session = await new WrenClient(target.wrenUrl).signIn(target.user, target.pass);
  const stop = new AbortController();
  const hooks = { floor: null, wren: null };
  try {
    const opened = await watcher.mailboxOpen(folder);
    let count = opened.exists;
    watcher.on('exists', (data) => hooks.floor?.(data.count));
    void watcher.idle().catch(() => {});

    const res = await session.request('GET', `/api/events?folder=${encodeURIComponent(folder)}`, undefined, { signal: stop.signal });
    if (!res.ok) throw new Error(`GET /api/events -> ${res.status}`);
    void readEvents(res.body, (event) => {
      if (event.type === 'exists' && event.folder === folder) hooks.wren?.(event.count);
    });
    // The stream is open once its headers are here; IDLE starts as that request ends.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const deliver = (side) => async () => {
      count++;
      const arrived = waitFor(hooks, side, count);
      const raw = buildMessage({
        from: { name: 'Bench Sender', address: 'sender@example.com' },
        to: [{ name: 'Bench User', address: 'bench@example.com' }],
        subject: `New mail ${count}`,
        date: new Date(),
        id: `<live-${count}@wren.test>`,
        text: 'Arrived while the folder was open.',
      });
      await appender.append(folder, raw);
      await arrived;
    };
    // The pause lets each side's follow-up (Wren refreshes folder counts 300 ms after a change)
    // settle, so every round starts from an idle connection.
    const timing = await measurePair(deliver('floor'), deliver('wren'), ctx.reps.live, { pauseMs: 700 });
    const p50 = timing.wren.p50;
    return [{ op: 'new mail to event stream', mailbox: folder, ...timing, value: p50, unit: 'ms', target: `p50 <= ${LIMIT_MS} ms`, pass: p50 <= LIMIT_MS }];
  } finally {
    stop.abort();
    await session.request('DELETE', '/api/session').catch(() => {});
    watcher.close();
    await appender.logout().catch(() => {});
  }
}
