import { randomBytes } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as attachmentRoute from '@/app/api/messages/[id]/attachments/[part]/route';
import * as rawRoute from '@/app/api/messages/[id]/raw/route';
import * as flagsRoute from '@/app/api/messages/flags/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as sessionRoute from '@/app/api/session/route';
import { poolStats } from '@/server/imap/pool';
import { appendForId, rawImap } from '../support/dovecot';
import { until } from '../support/scheduler';
import { call, cookieFrom } from './call';
import { listPage } from './list-page';

// A download holds its session's mailbox lock while it streams (server/mail/attachment.ts): the
// session's other requests wait behind it. A client that goes away must not leave it held. In
// Next, a response whose client left before it was sent is never read nor cancelled
// (pipeToNodeResponse returns when the socket is destroyed): only the request's signal says so.
// Each test awaits the session's next requests; without the fix they wait until the test times
// out (in Wren: until imapflow's socket timeout, ETIMEOUT). hxa is not seeded.
const RUN = Date.now().toString(36);
const FOLDER = `Dropped-${RUN}`;
/** Three 1 MiB windows and some: a stream of several FETCHes. */
const IMAGE = randomBytes(3 * 1024 * 1024 + 4096);

let imap: ImapFlow;
let imageId: string;
let oddId: string;

function wrap(base64: string): string {
  return base64.replace(/.{76}/g, '$&\r\n');
}

/** An HTML message with an inline PNG (part 2), as the message view shows it. */
const imageMail = [
  'From: Pat <pat@example.com>',
  'To: hxa@example.com',
  `Subject: Inline image ${RUN}`,
  'MIME-Version: 1.0',
  'Content-Type: multipart/related; boundary="r"',
  '',
  '--r',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Look:</p><img src="cid:pic@x">',
  '--r',
  'Content-Type: image/png; name="pic.png"',
  'Content-ID: <pic@x>',
  'Content-Disposition: inline; filename="pic.png"',
  'Content-Transfer-Encoding: base64',
  '',
  wrap(IMAGE.toString('base64')),
  '--r--',
  '',
].join('\r\n');

/** An attachment Dovecot will not decode (UNKNOWN-CTE): imapflow's download streams it. */
const oddMail = [
  'From: Pat <pat@example.com>',
  'To: hxa@example.com',
  `Subject: Odd attachment ${RUN}`,
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain',
  '',
  'see attached',
  '--b',
  'Content-Type: application/octet-stream; name="odd.bin"',
  'Content-Disposition: attachment; filename="odd.bin"',
  'Content-Transfer-Encoding: x-made-up',
  '',
  wrap(IMAGE.toString('base64')),
  '--b--',
  '',
].join('\r\n');

const append = (raw: string) => appendForId(imap, FOLDER, raw);

/** A session of its own for each test: a lock left held must not spill into the next test. */
async function signIn(): Promise<string> {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'hxa', password: 'secret' } });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

function attachment(cookie: string, id: string, part: string, signal?: AbortSignal): Promise<Response> {
  return call(attachmentRoute.GET, `/api/messages/${id}/attachments/${part}?inline=1`, { cookie, params: { id, part }, signal });
}

/** What the user does next on the same session: mark the message read, and the list. */
async function nextRequestsAnswer(cookie: string, id: string) {
  const mark = await call(flagsRoute.POST, '/api/messages/flags', { method: 'POST', cookie, body: { ids: [id], seen: true } });
  expect(mark.status).toBe(200);
  const page = await listPage(cookie, `folder=${encodeURIComponent(FOLDER)}`);
  expect(page.total).toBe(2);
}

beforeAll(async () => {
  imap = await rawImap('hxa');
  await imap.mailboxCreate(FOLDER);
  imageId = await append(imageMail);
  oddId = await append(oddMail);
});

afterAll(async () => {
  await imap?.logout();
});

describe('a download the client dropped releases the session', () => {
  it('answered, then never read (the client left before the response was sent)', async () => {
    const cookie = await signIn();
    const aborter = new AbortController();
    const res = await attachment(cookie, imageId, '2', aborter.signal);
    expect(res.status).toBe(200);
    aborter.abort();
    await nextRequestsAnswer(cookie, imageId);
  });

  it('dropped while it waited behind another request of the session: it gives its turn away without fetching the part', async () => {
    const cookie = await signIn();
    // The first image holds the lock until its body is read.
    const first = await attachment(cookie, imageId, '2');
    expect(first.status).toBe(200);
    const aborter = new AbortController();
    const queued = attachment(cookie, imageId, '2', aborter.signal);
    await until('the second request waits for the lock', () => poolStats().waiting > 0);
    aborter.abort();
    expect(Buffer.from(await first.arrayBuffer()).equals(IMAGE)).toBe(true);
    const dropped = await queued;
    await nextRequestsAnswer(cookie, imageId);
    // Its turn came after the abort: it answered 'cancelled' and fetched no part.
    expect(dropped.status).toBe(409);
  });

  it('an open (a message fetched ahead, then passed over) dropped while it waited: not read', async () => {
    const cookie = await signIn();
    const first = await attachment(cookie, imageId, '2');
    const aborter = new AbortController();
    const queued = call(messageRoute.GET, `/api/messages/${oddId}`, { cookie, params: { id: oddId }, signal: aborter.signal });
    await until('the open waits for the lock', () => poolStats().waiting > 0);
    aborter.abort();
    expect(Buffer.from(await first.arrayBuffer()).equals(IMAGE)).toBe(true);
    expect((await queued).status).toBe(409);
    await nextRequestsAnswer(cookie, oddId);
  });

  it('dropped halfway, neither read on nor cancelled: the FETCH in flight ends, no more follow', async () => {
    const cookie = await signIn();
    const aborter = new AbortController();
    const res = await attachment(cookie, imageId, '2', aborter.signal);
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(value?.length).toBeGreaterThan(0);
    // The second window is being fetched now (one ahead of the reader).
    aborter.abort();
    await nextRequestsAnswer(cookie, imageId);
  });

  it("through imapflow's download (a part Dovecot will not decode), never read", async () => {
    const cookie = await signIn();
    const aborter = new AbortController();
    const res = await attachment(cookie, oddId, '2', aborter.signal);
    expect(res.status).toBe(200);
    aborter.abort();
    await nextRequestsAnswer(cookie, oddId);
  });

  it('the whole message as sent (raw), never read', async () => {
    const cookie = await signIn();
    const aborter = new AbortController();
    const res = await call(rawRoute.GET, `/api/messages/${oddId}/raw`, { cookie, params: { id: oddId }, signal: aborter.signal });
    expect(res.status).toBe(200);
    aborter.abort();
    await nextRequestsAnswer(cookie, oddId);
  });

  it('read to the end without a signal firing: the next requests answer (no regression)', async () => {
    const cookie = await signIn();
    const res = await attachment(cookie, imageId, '2');
    expect(Buffer.from(await res.arrayBuffer()).equals(IMAGE)).toBe(true);
    await nextRequestsAnswer(cookie, imageId);
  });
});
