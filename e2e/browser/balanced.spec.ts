import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import type { MessagePageDto } from '@/lib/types';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { freePort, killWren, startWren, within, type Wren } from '../support/wren-process';
import { expectHydrated, PASSWORD, row } from './helpers';

/*
 * A team's deployment (#17): Debian's nginx, started with deploy/nginx/wren.conf as it is (its
 * placeholders filled by scripts/nginx.sh), TLS with a certificate of the test CA, round-robin
 * over two Wren processes of the standalone build (node .next/standalone/server.js, as
 * docs/DEPLOY.md deploys it) sharing the test Redis. Nothing is sticky: an upload lands on one
 * process and the send on either; the event stream flows through nginx unbuffered; a change
 * made through one process reaches a stream held by the other; one process killed with
 * SIGKILL mid-session costs the user nothing, not even the draft being written.
 * Each process logs its requests (ACCESS_LOG=1): that is how the test knows who served what.
 */

const USER = 'nell';
const stack = process.env.WREN_STACK_DIR ?? join(process.cwd(), '.wren/test');
const tlsDir = dirname(process.env.TLS_CA!);
const ca = readFileSync(process.env.TLS_CA!);

let a: Wren | undefined;
let b: Wren | undefined;
let base = '';
let imap: ImapFlow;
const nginxDir = join(stack, 'nginx');

function nginx(command: 'start' | 'stop', env: Record<string, string> = {}) {
  const run = spawnSync('bash', [join(process.cwd(), 'scripts/nginx.sh'), command], { env: { ...process.env, NGINX_DIR: nginxDir, ...env }, encoding: 'utf8' });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
}

/** Requests of `method` `route` this process served, from its access log. */
function served(wren: Wren, method: string, route: string): number {
  return wren.output().split('\n').filter((line) => line.includes('"msg":"access"') && line.includes(`"method":"${method}"`) && line.includes(`"route":"${route}"`)).length;
}

/** An https request through nginx that trusts the test CA only (the chain is checked for real). */
function overTls(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${base}${path}`, { method: opts.method ?? 'GET', headers: opts.headers, ca }, resolve);
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A plain http GET straight to one Wren process, the body as it came (never decompressed). */
function plainGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function signInOverTls(): Promise<string> {
  const res = await overTls('/api/session', {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER, password: PASSWORD }),
  });
  res.resume();
  expect(res.statusCode).toBe(200);
  return res.headers['set-cookie']![0].split(';')[0];
}

/** The text of an event stream as it arrives, and a wait for a pattern in it. */
function watch(stream: IncomingMessage | ReadableStream<Uint8Array>) {
  const seen = { text: '', at: new Map<string, number>() };
  const waiters = new Set<() => void>();
  const take = (chunk: string) => {
    seen.text += chunk;
    for (const wake of waiters) wake();
  };
  if ('on' in stream) stream.setEncoding('utf8').on('data', take);
  else
    void (async () => {
      const reader = (stream as ReadableStream<Uint8Array<ArrayBuffer>>).pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: '' }));
        if (done) return;
        take(value!);
      }
    })();
  const until = (pattern: RegExp, from = 0) =>
    new Promise<number>((resolve) => {
      const check = () => {
        if (!pattern.test(seen.text.slice(from))) return;
        waiters.delete(check);
        resolve(Date.now());
      };
      waiters.add(check);
      check();
    });
  return { seen, until };
}

const message = (subject: string) =>
  `From: Sender <sender@example.com>\r\nTo: ${USER}@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@wren.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\nHello.\r\n`;

const composer = (page: Page) => page.getByRole('dialog', { name: 'New message' });

test.beforeAll(async () => {
  imap = await rawImap(USER);
});

test.afterAll(async () => {
  nginx('stop');
  killWren(a);
  killWren(b);
  await imap.logout();
});

test('behind nginx (deploy/nginx/wren.conf, TLS, round-robin over two processes): upload on one process and send on either, live mail within a second, changes cross processes, kill -9 of one loses nothing', async ({ browser }) => {
  test.setTimeout(240_000);
  // Each process has a /tmp of its own, as under systemd's PrivateTmp or on two machines: what one
  // process keeps on disk, the other cannot see.
  [a, b] = await Promise.all(['a', 'b'].map((name) => startWren({ standalone: true, env: { ACCESS_LOG: '1', UPLOAD_DIR: join(stack, `uploads-${name}`) } })));
  const [https, http] = [await freePort(), await freePort()];
  nginx('start', {
    NGINX_HTTPS_PORT: String(https),
    NGINX_HTTP_PORT: String(http),
    NGINX_UPSTREAMS: `${a.port} ${b.port}`,
    NGINX_CERT: join(tlsDir, 'server.pem'),
    NGINX_KEY: join(tlsDir, 'server.key'),
  });
  base = `https://127.0.0.1:${https}`;

  await test.step('health through nginx, over TLS verified against the test CA; plain http is redirected to https', async () => {
    const health = await overTls('/api/health');
    health.resume();
    expect(health.statusCode).toBe(200);
    const plain = await fetch(`http://127.0.0.1:${http}/mail?q=secret`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toMatch(/^https:\/\//);
  });

  await test.step('JSON answers: each Wren process sends them uncompressed (no zlib per answer), nginx gzips them for the network; pages stay gzipped by Wren', async () => {
    const cookie = await signInOverTls();
    const headers = { cookie, 'accept-encoding': 'gzip' };
    const viaNginx = await overTls('/api/folders', { headers });
    const zipped: Buffer[] = [];
    for await (const chunk of viaNginx) zipped.push(chunk as Buffer);
    expect(viaNginx.statusCode).toBe(200);
    expect(viaNginx.headers['content-encoding']).toBe('gzip');
    const folders = JSON.parse(gunzipSync(Buffer.concat(zipped)).toString('utf8')) as { folders: unknown[] };
    expect(folders.folders.length).toBeGreaterThan(0);
    const direct = await plainGet(`${a!.origin}/api/folders`, headers);
    expect(direct.status).toBe(200);
    expect(direct.headers['cache-control']).toBe('private, no-store, no-transform');
    expect(direct.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(direct.body.toString('utf8'))).toEqual(folders);
    const page = await plainGet(`${a!.origin}/login`, { 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
  });

  await test.step('the build’s static files come from disk through nginx, gzipped once at build time and cached for good; a file not on disk is asked of Wren', async () => {
    const login = await plainGet(`${a!.origin}/login`, {});
    const script = /<script src="(\/_next\/static\/chunks\/[^"]+\.js)"/.exec(login.body.toString('utf8'))?.[1];
    expect(script).toBeTruthy();
    const res = await overTls(script!, { headers: { 'accept-encoding': 'gzip' } });
    const zipped: Buffer[] = [];
    for await (const chunk of res) zipped.push(chunk as Buffer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^application\/javascript; charset=utf-8$/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    const onDisk = readFileSync(join(process.cwd(), '.next/standalone/.next', script!.slice('/_next/'.length)));
    expect(gunzipSync(Buffer.concat(zipped)).equals(onDisk)).toBe(true);
    const missing = await overTls('/_next/static/chunks/not-in-this-build.js');
    missing.resume();
    expect(missing.statusCode).toBe(404);
    // nginx's access log (kept across runs: the last line of each): the script with no upstream
    // (from disk), the missing one from a Wren process.
    const logged = readFileSync(join(nginxDir, 'logs/wren.access.log'), 'utf8').split('\n');
    const last = (request: string) => logged.filter((line) => line.includes(`"GET ${request} HTTP/1.1"`)).at(-1);
    expect(last(script!)).toMatch(/" 200 \d+ [\d.]+ - - /);
    expect(last('/_next/static/chunks/not-in-this-build.js')).toMatch(/" 404 \d+ [\d.]+ 127\.0\.0\.1:\d+ 404 /);
  });

  await test.step('new mail reaches an event stream through nginx within a second (nothing buffered)', async () => {
    const cookie = await signInOverTls();
    const stream = await overTls('/api/events?folder=INBOX', { headers: { cookie } });
    expect(stream.statusCode).toBe(200);
    const events = watch(stream);
    await within(10_000, events.until(/retry: /), 'the stream opening');
    const from = events.seen.text.length;
    await imap.append('INBOX', message(`Live through nginx ${randomUUID()}`));
    const appended = Date.now();
    const arrived = await within(5000, events.until(/"type":"exists"/, from), 'the exists event');
    console.log(`new mail through nginx: ${arrived - appended} ms after the APPEND`);
    expect(arrived - appended).toBeLessThan(1000);
    stream.destroy();
  });

  await test.step('a change made through process B reaches the event stream held by process A', async () => {
    const subject = `Cross-process ${randomUUID()}`;
    await imap.append('INBOX', message(subject));
    const signIn = await fetch(`${a!.origin}/api/session`, { method: 'POST', headers: { origin: a!.origin, 'content-type': 'application/json' }, body: JSON.stringify({ username: USER, password: PASSWORD }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const controller = new AbortController();
    const stream = await fetch(`${a!.origin}/api/events?folder=INBOX`, { headers: { cookie }, signal: controller.signal });
    const events = watch(stream.body!);
    await within(10_000, events.until(/retry: /), 'the stream opening on A');
    // The same session, through B: find the message and flag it.
    const page = (await (await fetch(`${b!.origin}/api/messages?folder=INBOX&limit=20`, { headers: { cookie } })).json()) as MessagePageDto;
    const id = page.messages.find((m) => m.subject === subject)!.id;
    const flagged = await fetch(`${b!.origin}/api/messages/flags`, { method: 'POST', headers: { cookie, origin: b!.origin, 'content-type': 'application/json' }, body: JSON.stringify({ ids: [id], flagged: true }) });
    expect(flagged.status).toBe(200);
    await within(5000, events.until(/"type":"flags"[^\n]*"flagged":true/), 'the flags event on A');
    controller.abort();
  });

  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await test.step('sign in through nginx with the form', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('region', { name: 'Message list' }).getByRole('heading', { name: 'Inbox' })).toBeVisible();
    // The heading comes in the server's HTML: a click before hydration would be lost (CI26).
    await expectHydrated(page);
  });

  await test.step('attachments uploaded through both processes are sent by one of them: the message arrives with every byte', async () => {
    const subject = `Balanced send ${randomUUID()}`;
    await page.getByRole('button', { name: 'Compose' }).click();
    const dialog = composer(page);
    const to = dialog.getByRole('combobox', { name: 'To' });
    await to.fill(`${USER}@example.com`);
    await to.press('Enter');
    await dialog.getByLabel('Subject').fill(subject);
    await dialog.getByRole('textbox', { name: 'Message body' }).fill('Sent through the load balancer.');
    // Round-robin: attach until each process has received at least one of the uploads.
    const files: Buffer[] = [];
    const before = { a: served(a!, 'POST', '/api/uploads'), b: served(b!, 'POST', '/api/uploads') };
    while (served(a!, 'POST', '/api/uploads') === before.a || served(b!, 'POST', '/api/uploads') === before.b) {
      expect(files.length, 'uploads all went to one process').toBeLessThan(8);
      const bytes = randomBytes(300_000 + files.length);
      files.push(bytes);
      await dialog.locator('input[type="file"]').setInputFiles({ name: `part-${files.length}.bin`, mimeType: 'application/octet-stream', buffer: bytes });
      await expect(dialog.getByTestId('compose-attachment')).toHaveCount(files.length);
      await expect(dialog.getByRole('progressbar')).toHaveCount(0);
    }
    const sendsBefore = served(a!, 'POST', '/api/send') + served(b!, 'POST', '/api/send');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('toast').filter({ hasText: 'Message sent' })).toBeVisible();
    expect(served(a!, 'POST', '/api/send') + served(b!, 'POST', '/api/send')).toBe(sendsBefore + 1);

    await expect.poll(() => uidsWithSubject(imap, 'INBOX', subject), { timeout: 15_000 }).toHaveLength(1);
    const [uid] = await uidsWithSubject(imap, 'INBOX', subject);
    const lock = await imap.getMailboxLock('INBOX');
    try {
      const msg = await imap.fetchOne(String(uid), { source: true }, { uid: true });
      if (!msg) throw new Error('the sent message is gone');
      const source = msg.source!.toString('latin1').replace(/\r\n/g, '');
      for (const bytes of files) expect(source).toContain(bytes.toString('base64').slice(0, 2000));
      expect(source).toContain(files.at(-1)!.toString('base64').slice(-200));
    } finally {
      lock.release();
    }
  });

  await test.step('kill -9 of one process mid-session: the draft being written is kept and saved again, reading and live mail go on', async () => {
    const subject = `Draft across a crash ${randomUUID()}`;
    await page.getByRole('button', { name: 'Compose' }).click();
    const dialog = composer(page);
    await dialog.getByLabel('Subject').fill(subject);
    const bodyBox = dialog.getByRole('textbox', { name: 'Message body' });
    await bodyBox.fill('Before the crash.');
    await expect(dialog.getByTestId('save-status')).toHaveText('Saved', { timeout: 15_000 });
    await expect.poll(() => uidsWithSubject(imap, 'Drafts', subject)).toHaveLength(1);

    a!.process.kill('SIGKILL');
    await a!.exited;
    const bBefore = b!.output().length;
    const routesOnB = () => [...b!.output().slice(bBefore).matchAll(/"method":"(\w+)","route":"([^"]+)","status":(\d+)/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);

    await bodyBox.press('End');
    await page.keyboard.type(' After the crash.');
    await expect(dialog.getByTestId('save-status')).toHaveText('Saved', { timeout: 15_000 });
    await expect
      .poll(async () => {
        const uids = await uidsWithSubject(imap, 'Drafts', subject);
        if (uids.length !== 1) return `${uids.length} drafts`;
        const lock = await imap.getMailboxLock('Drafts');
        try {
          const msg = await imap.fetchOne(String(uids[0]), { source: true }, { uid: true });
          return msg ? msg.source!.toString('utf8') : '';
        } finally {
          lock.release();
        }
      }, { timeout: 15_000 })
      .toContain('Before the crash. After the crash.');
    await dialog.getByRole('button', { name: 'Close' }).first().click().catch(() => undefined);

    // Reading goes on (B connects to IMAP for this session), and new mail still shows up live.
    const arrival = `After the kill ${randomUUID()}`;
    await imap.append('INBOX', message(arrival));
    await expect(row(page, arrival)).toBeVisible({ timeout: 15_000 });
    await row(page, arrival).click();
    await expect(page.getByText('Hello.').first()).toBeVisible();
    // All of it through B, nothing failed: the draft saved again, the message read.
    expect(routesOnB().filter((r) => /^(POST|PUT) \/api\/drafts/.test(r) && r.endsWith(' 200')), routesOnB().join('\n')).not.toHaveLength(0);
    await expect.poll(() => routesOnB().filter((r) => r === 'GET /api/messages/[id] 200').length).toBeGreaterThanOrEqual(1);
    expect(routesOnB().filter((r) => / 5\d\d$/.test(r)), routesOnB().join('\n')).toEqual([]);
  });
  await context.close();

  await test.step('nginx’s access log names each request by path alone: no query string, no search text', async () => {
    const logged = readFileSync(join(nginxDir, 'logs/wren.access.log'), 'utf8');
    expect(logged).toContain('"GET /api/events HTTP/');
    expect(logged).toContain('"GET /mail HTTP/1.1" 301');
    expect(logged).not.toContain('?');
    expect(logged).not.toContain('secret');
  });
});
