import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import type { AttachmentDto, MessagePageDto } from '@/lib/types';
import { countLogins, countLogouts, rawImap } from '../support/dovecot';
import { startTcpProxy } from '../support/tcp-proxy';
import { startWren, within } from '../support/wren-process';
import { PASSWORD, row } from './helpers';

/*
 * A rolling restart (#17). Two Wren processes of the build share the test Redis (sessions), the
 * browser reaches them through a TCP proxy (the load balancer), and process A gets SIGTERM while
 * it holds an event stream of the browser (rory), an event stream and a download in flight of a
 * client of its own (remy), and their IMAP connections. A must: end both streams with a retry
 * hint, refuse new connections, finish the download, log every IMAP connection out (Dovecot's
 * log says "Logged out", not a dropped connection), and exit within 10 s. The browser's live
 * view must come back on B by itself and show new mail live again, even though its first
 * reconnect meets a 502 (a proxy with no process up yet), which closes an EventSource for good.
 */

const BROWSER_USER = 'rory';
const CLIENT_USER = 'remy';
const ATTACHMENT_BYTES = 3 * 1024 * 1024;

async function signInOver(origin: string, username: string): Promise<string> {
  const res = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** A message with one attachment of `bytes` random bytes, appended to the user's INBOX. */
async function appendWithAttachment(user: string, subject: string, bytes: number) {
  const data = randomBytes(bytes).toString('base64').replace(/.{76}/g, '$&\r\n');
  const raw = [
    'From: Sender <sender@example.com>',
    `To: ${user}@example.com`,
    `Subject: ${subject}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@wren.test>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See attached.',
    '--b1',
    'Content-Type: application/octet-stream; name="big.bin"',
    'Content-Disposition: attachment; filename="big.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    data,
    '--b1--',
    '',
  ].join('\r\n');
  const client = await rawImap(user);
  try {
    await client.append('INBOX', raw);
  } finally {
    await client.logout();
  }
}

async function appendPlain(user: string, subject: string) {
  const client = await rawImap(user);
  try {
    await client.append('INBOX', `From: sender@example.com\r\nTo: ${user}@example.com\r\nSubject: ${subject}\r\nDate: ${new Date().toUTCString()}\r\n\r\nHello.\r\n`);
  } finally {
    await client.logout();
  }
}

/** Reads a response body as text until `until` matches what was read (or the body ends). */
async function readUntil(reader: ReadableStreamDefaultReader<string>, seen: { text: string }, until: (text: string) => boolean) {
  while (!until(seen.text)) {
    const { done, value } = await reader.read();
    if (done) return;
    seen.text += value;
  }
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: Error & { code?: string }) => resolve(error.code === 'ECONNREFUSED'));
  });
}

test('SIGTERM: streams end with a retry hint, new connections are refused, the download in flight completes, IMAP is logged out, exit within 10 s; the browser goes on with the next process', async ({ page }) => {
  test.setTimeout(180_000);
  const a = await startWren();
  const b = await startWren();
  const proxy = await startTcpProxy(a.port);
  // What nginx answers while no Wren process is up: 502 to everything. It closes each
  // connection, as the TCP proxy picks the process per connection where nginx picks it per request.
  const gatewayHits: string[] = [];
  const gateway = createHttpServer((req, res) => {
    gatewayHits.push(req.url ?? '');
    res.writeHead(502, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Bad Gateway');
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  try {
    const loginsBefore = { rory: countLogins(BROWSER_USER), remy: countLogins(CLIENT_USER) };
    const logoutsBefore = { rory: countLogouts(BROWSER_USER), remy: countLogouts(CLIENT_USER) };

    // The browser, through the proxy, on A: its live view holds an event stream of INBOX.
    await page.goto(`${proxy.url}/login`);
    await page.getByLabel('Username').fill(BROWSER_USER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Inbox' })).toBeVisible();
    await proxy.waitForStream('INBOX');

    // A client of A's own: an event stream, and a 3 MiB download read only partly.
    const subject = `Restart attachment ${Date.now()}`;
    await appendWithAttachment(CLIENT_USER, subject, ATTACHMENT_BYTES);
    const cookie = await signInOver(a.origin, CLIENT_USER);
    const pageRes = await fetch(`${a.origin}/api/messages?folder=INBOX&limit=5`, { headers: { cookie } });
    const listed = (await pageRes.json()) as MessagePageDto;
    const id = listed.messages.find((m) => m.subject === subject)!.id;
    const opened = (await (await fetch(`${a.origin}/api/messages/${encodeURIComponent(id)}`, { headers: { cookie } })).json()) as { attachments: AttachmentDto[] };
    const part = opened.attachments[0].part;
    const download = await fetch(`${a.origin}/api/messages/${encodeURIComponent(id)}/attachments/${part}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    const downloadReader = download.body!.getReader();
    const first = await downloadReader.read();
    let downloaded = first.value?.length ?? 0;
    expect(downloaded).toBeLessThan(ATTACHMENT_BYTES);

    const events = await fetch(`${a.origin}/api/events?folder=INBOX`, { headers: { cookie } });
    expect(events.status).toBe(200);
    const eventsReader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    const stream = { text: '' };
    await readUntil(eventsReader, stream, (text) => text.includes('retry: 1000'));

    // A is told to stop; meanwhile the load balancer has no process to send new connections to.
    proxy.retarget((gateway.address() as { port: number }).port);
    const loginsAtSignal = { rory: countLogins(BROWSER_USER), remy: countLogins(CLIENT_USER) };
    const signalled = Date.now();
    a.process.kill('SIGTERM');

    // The stream ends with the hint: a `reconnect` event and a retry of at most 1.5 s.
    await within(10_000, readUntil(eventsReader, stream, () => false), 'the event stream ending after SIGTERM');
    const ending = /retry: (\d+)\nevent: reconnect\ndata: \{"retry":\d+\}\n\n$/.exec(stream.text);
    expect(ending, stream.text.slice(-300)).not.toBeNull();
    expect(Number(ending![1])).toBeLessThanOrEqual(1500);
    // A listens no more.
    expect(await refusesConnections(a.port)).toBe(true);

    // The download in flight completes, every byte of it.
    for (;;) {
      const { done, value } = await downloadReader.read();
      if (done) break;
      downloaded += value.length;
    }
    expect(downloaded).toBe(ATTACHMENT_BYTES);

    // A exits within 10 s of the signal, with Next's code for SIGTERM.
    const exit = await within(12_000, a.exited, 'the process exiting after SIGTERM');
    expect(exit.at - signalled, a.output()).toBeLessThan(10_000);
    expect(exit.code, a.output()).toBe(143);

    // Every IMAP connection A held was logged out (LOGOUT), none just dropped.
    await expect
      .poll(() => countLogouts(CLIENT_USER) - logoutsBefore.remy, { timeout: 5000, intervals: [100] })
      .toBe(loginsAtSignal.remy - loginsBefore.remy);
    await expect
      .poll(() => countLogouts(BROWSER_USER) - logoutsBefore.rory, { timeout: 5000, intervals: [100] })
      .toBeGreaterThanOrEqual(loginsAtSignal.rory - loginsBefore.rory);
    expect(loginsAtSignal.rory - loginsBefore.rory).toBeGreaterThanOrEqual(1);

    // The browser's reconnect met the 502; then B is up behind the proxy, and the live view
    // reconnects to it by itself ...
    await expect.poll(() => gatewayHits.filter((url) => url.startsWith('/api/events?')).length, { timeout: 10_000, intervals: [100] }).toBeGreaterThanOrEqual(1);
    proxy.retarget(b.port);
    await within(15_000, proxy.waitForStream('INBOX'), 'the live view reconnecting to B');
    // ... and new mail shows up live again, without a reload.
    const arrival = `After the restart ${Date.now()}`;
    await appendPlain(BROWSER_USER, arrival);
    await expect(row(page, arrival)).toBeVisible({ timeout: 10_000 });
  } finally {
    await proxy.close();
    gateway.closeAllConnections();
    await new Promise((resolve) => gateway.close(resolve));
    for (const wren of [a, b]) if (wren.process.exitCode === null && wren.process.signalCode === null) wren.process.kill('SIGKILL');
  }
});
