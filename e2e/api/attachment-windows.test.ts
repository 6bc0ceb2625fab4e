import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as attachmentRoute from '@/app/api/messages/[id]/attachments/[part]/route';
import { decodeMessageId } from '@/lib/message-id';
import { appendAs, wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';

// axwin's INBOX (not seeded) gets large attachments; server/mail/mime/part-stream.ts streams them
// in FETCH BINARY windows, with the folder's lock held until the stream ends or is cancelled.

const MiB = 1024 * 1024;
let cookie: string;
beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'axwin', password: 'secret' } }));
});

/** APPENDs a message with `content` as its base64 attachment (part 2); answers its id. */
async function store(subject: string, content: Buffer): Promise<string> {
  const base64 = content.toString('base64').replace(/.{76}/g, '$&\r\n');
  const raw =
    `Subject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nattached\r\n` +
    `--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="big.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}\r\n--b--\r\n`;
  return appendAs('axwin', 'INBOX', raw);
}

const download = (id: string) => call(attachmentRoute.GET, `/api/messages/${id}/attachments/2`, { cookie, params: { id, part: '2' } });
const open = (id: string) => call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } });

/** The windows Wren asked for part 2 of `id`, from Dovecot's raw log: BINARY.PEEK[2]<offset.size>. */
function windowsOf(id: string): { offset: number; size: number }[] {
  const uid = decodeMessageId(id)!.uid;
  return wrenCommands('axwin')
    .filter((c) => c.includes(`UID FETCH ${uid} `))
    .flatMap((c) => [...c.matchAll(/BINARY\.PEEK\[2\]<(\d+)\.(\d+)>/g)].map((m) => ({ offset: Number(m[1]), size: Number(m[2]) })));
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, pace?: (bytes: number) => Promise<void>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    chunks.push(chunk.value);
    bytes += chunk.value.length;
    if (pace) await pace(bytes);
  }
  return Buffer.concat(chunks);
}

describe('attachment windows', () => {
  it('grow past 1 MiB for a reader that keeps up: at most twice the last, up to 4 MiB, and the file arrives whole', async () => {
    const content = randomBytes(20 * MiB);
    const id = await store('Read fast', content);
    const res = await download(id);
    expect(res.status).toBe(200);
    expect((await readAll(res.body!.getReader())).equals(content)).toBe(true);

    const windows = windowsOf(id);
    expect(windows[0]).toEqual({ offset: 0, size: MiB });
    for (let i = 1; i < windows.length; i++) {
      expect(windows[i].offset).toBe(windows[i - 1].offset + windows[i - 1].size);
      expect(windows[i].size).toBeLessThanOrEqual(2 * windows[i - 1].size);
    }
    expect(windows.at(-1)!.offset + windows.at(-1)!.size).toBeGreaterThanOrEqual(content.length);
    expect(Math.max(...windows.map((w) => w.size))).toBeGreaterThan(MiB);
    expect(Math.max(...windows.map((w) => w.size))).toBeLessThanOrEqual(4 * MiB);
  }, 60_000);

  it('a slow reader gets the file whole, its windows never past 2 MiB, and the session answers once it is done', async () => {
    const content = randomBytes(8 * MiB);
    const id = await store('Read slowly', content);
    const res = await download(id);
    expect(res.status).toBe(200);
    // The first MiB as fast as it comes, the rest at 4 MiB/s.
    const started = performance.now();
    const pace = async (bytes: number) => {
      const ahead = ((bytes - MiB) / (4 * MiB)) * 1000 - (performance.now() - started);
      if (bytes > MiB && ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
    };
    const reading = readAll(res.body!.getReader(), pace);
    // The same session's next request, asked while the download goes on: it waits for the
    // folder's lock and answers when the download is over.
    const next = open(id);
    expect((await reading).equals(content)).toBe(true);
    expect((await next).status).toBe(200);
    expect(Math.max(...windowsOf(id).slice(1).map((w) => w.size))).toBeLessThanOrEqual(2 * MiB);
  }, 60_000);

  it('a reader that stops for a while, then goes on, gets the file whole; the request queued meanwhile answers', async () => {
    const content = randomBytes(12 * MiB);
    const id = await store('Read with a stop', content);
    const res = await download(id);
    const reader = res.body!.getReader();
    const head: Uint8Array[] = [];
    let bytes = 0;
    while (bytes < 2 * MiB) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error('ended early');
      head.push(chunk.value);
      bytes += chunk.value.length;
    }
    // The reader stops until the window after the ones it took has been asked of IMAP (and so
    // waits in Wren, or is on its way); another request of the session is asked meanwhile.
    const next = open(id);
    for (;;) {
      const windows = windowsOf(id);
      if (windows.length && windows.at(-1)!.offset >= bytes) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const rest = await readAll(reader);
    expect(Buffer.concat([...head, rest]).equals(content)).toBe(true);
    expect((await next).status).toBe(200);
  }, 60_000);

  it('a reader that cancels mid-stream (after the first window, and with a large window in flight) leaves the session answering', async () => {
    const content = randomBytes(20 * MiB);
    const id = await store('Cancelled', content);

    // Cancelled right after the first window.
    const first = await download(id);
    const early = first.body!.getReader();
    expect((await early.read()).done).toBe(false);
    await early.cancel();
    expect((await open(id)).status).toBe(200);

    // Cancelled once the windows have grown (a reader that kept up), with the next one in flight.
    const second = await download(id);
    const late = second.body!.getReader();
    let bytes = 0;
    while (bytes < 8 * MiB) {
      const chunk = await late.read();
      if (chunk.done) throw new Error('ended early');
      bytes += chunk.value.length;
    }
    await late.cancel();
    expect((await open(id)).status).toBe(200);
    // And the attachment downloads again, whole.
    const again = await download(id);
    expect((await readAll(again.body!.getReader())).equals(content)).toBe(true);
  }, 60_000);
});
