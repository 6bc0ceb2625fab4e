import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as proxyRoute from '@/app/api/image-proxy/route';
import { proxiedImageUrl } from '@/server/mail/image-proxy';
import { loadSession, readCookie, SESSION_COOKIE } from '@/server/session/session';
import { call, cookieFrom } from './call';

// The proxy may only reach the public internet, which these tests do not have: what they check
// is that every private target is refused before a connection is made. A real image server on
// loopback stands in for an internal service a mail could point at.

let cookie: string;
let server: Server;
let hits = 0;
let port: number;

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } }));
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/redirect') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/pixel.png` }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

async function proxied(url: string) {
  const session = (await loadSession(readCookie(cookie, SESSION_COOKIE)))!;
  const path = proxiedImageUrl(session, url);
  return call(proxyRoute.GET, path, { cookie });
}

describe('GET /api/image-proxy', () => {
  it('refuses loopback, private, link-local and IPv4-mapped targets without connecting', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/pixel.png`,
      `http://localhost:${port}/pixel.png`,
      'http://10.0.0.1/x.png',
      'http://192.168.1.1/x.png',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/x.png',
      `http://[::ffff:127.0.0.1]:${port}/pixel.png`,
      `http://[::1]:${port}/pixel.png`,
    ]) {
      const res = await proxied(url);
      expect([url, res.status]).toEqual([url, 403]);
    }
    expect(hits).toBe(0);
  });

  it('refuses what was not signed for this session, and anything but web URLs', async () => {
    const unsigned = await call(proxyRoute.GET, `/api/image-proxy?u=${encodeURIComponent('https://example.org/x.png')}&s=forged`, { cookie });
    expect(unsigned.status).toBe(403);
    const other = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } });
    const session = (await loadSession(readCookie(cookie, SESSION_COOKIE)))!;
    const foreign = await call(proxyRoute.GET, proxiedImageUrl(session, 'https://example.org/x.png'), { cookie: cookieFrom(other) });
    expect(foreign.status).toBe(403);
    expect((await proxied('file:///etc/passwd')).status).toBe(403);
    expect((await proxied('ftp://example.org/x.png')).status).toBe(403);
  });

  it('answers unknown hosts with 404, never 500', async () => {
    expect((await proxied('http://no-such-host.invalid/x.png')).status).toBe(404);
  });
});
