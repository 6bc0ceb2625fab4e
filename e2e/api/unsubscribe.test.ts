import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as rawRoute from '@/app/api/messages/[id]/raw/route';
import * as sourceRoute from '@/app/api/messages/[id]/source/route';
import * as unsubscribeRoute from '@/app/api/messages/[id]/unsubscribe/route';
import * as sessionRoute from '@/app/api/session/route';
import { encodeMessageId } from '@/lib/message-id';
import type { MessageDto } from '@/lib/types';
import { closeAllConnections } from '@/server/imap/pool';
import { useUnsubscribeNetwork } from '@/server/mail/unsubscribe/one-click';
import { MAX_SOURCE_BYTES } from '@/server/mail/source';
import { rawImap } from '../support/dovecot';
import { call, cookieFrom } from './call';

// Unsubscribe (RFC 2369, RFC 8058), View source and the .eml download. User una, not seeded.
// There is no public network here: as in the image proxy's tests, names resolve by a table and
// the stand-in for a public host is dialled at a loopback server that records every request;
// Wren's own address checks run unchanged (and refuse a name that resolves to a private address).
const USER = 'una';
const NAMES: Record<string, string[]> = {
  'lists.example': ['93.184.215.50'],
  'intranet.example': ['10.0.0.7'],
};

let server: Server;
let port: number;
let requests: { method: string; url: string; type: string; body: string; cookie?: string }[] = [];
let client: ImapFlow;
let cookie: string;

async function store(headers: string[], body = 'Hello from the list.', subject = 'List news'): Promise<string> {
  const raw = [`From: List <news@lists.example>`, `To: ${USER}@example.com`, `Subject: ${subject}`, `Message-ID: <${Math.random().toString(36).slice(2)}@lists.example>`, ...headers, '', body, ''].join('\r\n');
  const appended = await client.append('INBOX', raw);
  if (!appended || !appended.uid || appended.uidValidity === undefined) throw new Error('no APPENDUID');
  return encodeMessageId({ path: 'INBOX', uidValidity: appended.uidValidity.toString(), uid: appended.uid });
}

const ONE_CLICK = 'List-Unsubscribe-Post: List-Unsubscribe=One-Click';
const open = async (id: string): Promise<MessageDto> => (await call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } })).json();
const unsubscribe = (id: string, origin?: string) => call(unsubscribeRoute.POST, `/api/messages/${id}/unsubscribe`, { method: 'POST', cookie, params: { id }, origin });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', type: req.headers['content-type'] ?? '', body, cookie: req.headers.cookie });
      res.writeHead(req.url === '/refuse' ? 500 : 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  useUnsubscribeNetwork({
    resolve: async (host) => {
      if (isIP(host)) return [{ address: host, family: isIP(host) }];
      const addresses = NAMES[host];
      if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
      return addresses.map((address) => ({ address, family: 4 }));
    },
    // Only the stand-in for a public host leads anywhere: to the loopback server.
    dial: (checked) => (checked.address === '93.184.215.50' ? { address: '127.0.0.1', family: 4 } : checked),
    plainHttp: true,
  });
  client = await rawImap(USER);
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } });
  expect(res.status).toBe(200);
  cookie = cookieFrom(res);
});

beforeEach(() => {
  requests = [];
});

afterAll(async () => {
  useUnsubscribeNetwork(null);
  await client.logout();
  await closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('unsubscribe', () => {
  it('POST /api/messages/:id/unsubscribe – one-click: Wren\'s server POSTs List-Unsubscribe=One-Click to the list\'s URI', async () => {
    const id = await store([`List-Unsubscribe: <mailto:leave@lists.example>, <http://lists.example:${port}/u/abc?x=1>`, ONE_CLICK]);
    const message = await open(id);
    // The browser learns the method and the host, never the URI.
    expect(message.unsubscribe).toEqual({ method: 'one-click', host: 'lists.example' });
    const res = await unsubscribe(id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ host: 'lists.example' });
    expect(requests).toEqual([{ method: 'POST', url: '/u/abc?x=1', type: 'application/x-www-form-urlencoded', body: 'List-Unsubscribe=One-Click', cookie: undefined }]);
  });

  it('POST /api/messages/:id/unsubscribe – a URI whose host is on a private network is refused with a clear error, and nothing is sent', async () => {
    const id = await store([`List-Unsubscribe: <http://intranet.example:${port}/u/abc>`, ONE_CLICK]);
    const res = await unsubscribe(id);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe('Unsubscribe refused: intranet.example is on a private network, which Wren does not contact');
    const loopback = await store([`List-Unsubscribe: <http://127.0.0.1:${port}/u/abc>`, ONE_CLICK]);
    const refused = await unsubscribe(loopback);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('127.0.0.1 is on a private network');
    expect(requests).toEqual([]);
  });

  it('POST /api/messages/:id/unsubscribe – another origin is refused and nothing is sent; a list that refuses says so', async () => {
    const id = await store([`List-Unsubscribe: <http://lists.example:${port}/u/abc>`, ONE_CLICK]);
    expect((await unsubscribe(id, 'https://evil.test')).status).toBe(403);
    expect(requests).toEqual([]);
    const refusing = await store([`List-Unsubscribe: <http://lists.example:${port}/refuse>`, ONE_CLICK]);
    const res = await unsubscribe(refusing);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe('The list’s unsubscribe server lists.example refused the request (500)');
  });

  it('GET /api/messages/:id – without one-click: the mailto form, else the link; one-click is refused for them', async () => {
    const mailto = await store(['List-Unsubscribe: <mailto:leave@lists.example?subject=unsubscribe>,\r\n <https://lists.example/u/1>']);
    expect((await open(mailto)).unsubscribe).toEqual({ method: 'mailto', href: 'mailto:leave@lists.example?subject=unsubscribe' });
    const link = await store(['List-Unsubscribe: <https://lists.example/u/2>, <javascript:alert(1)>']);
    expect((await open(link)).unsubscribe).toEqual({ method: 'link', href: 'https://lists.example/u/2' });
    const none = await store([]);
    expect((await open(none)).unsubscribe).toBeUndefined();
    const res = await unsubscribe(link);
    expect(res.status).toBe(400);
    expect(requests).toEqual([]);
  });
});

describe('the message as stored', () => {
  it('GET /api/messages/:id/source – the raw message as plain text, never sniffed or rendered', async () => {
    const body = '<script>document.title = "pwned"</script><b>bold</b>';
    const id = await store(['MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8'], body, 'Source check');
    const res = await call(sourceRoute.GET, `/api/messages/${id}/source`, { cookie, params: { id } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const text = await res.text();
    expect(text).toMatch(/^From: List <news@lists\.example>\r\n/);
    expect(text).toContain(`\r\n\r\n${body}\r\n`);
  });

  it('GET /api/messages/:id/source – a message over the bound: its start and a note saying so', async () => {
    const big = 'y'.repeat(76) + '\r\n';
    const id = await store([], big.repeat(Math.ceil((MAX_SOURCE_BYTES + 100_000) / big.length)), 'Big source');
    const res = await call(sourceRoute.GET, `/api/messages/${id}/source`, { cookie, params: { id } });
    const text = await res.text();
    expect(text).toMatch(/^\[Wren: only the first 2(\.0)? MB of this 2\.\d MB message are shown here\. Download the \.eml for all of it\.\]\n\nFrom: /);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_SOURCE_BYTES + 500);
  });

  it('GET /api/messages/:id/raw – the .eml: the message byte for byte, as an attachment named after its subject', async () => {
    const id = await store([], 'Keep me as I am: \u00e9t\u00e9.', 'Report: Q3/Q4 "final"');
    const res = await call(rawRoute.GET, `/api/messages/${id}/raw`, { cookie, params: { id } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Report_ Q3_Q4 _final_.eml"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const got = Buffer.from(await res.arrayBuffer());
    const uid = Number(id.split('.')[1]);
    await client.mailboxOpen('INBOX');
    const stored = await client.fetchOne(String(uid), { source: true }, { uid: true });
    expect(stored && stored.source && got.equals(stored.source)).toBe(true);
  });
});
