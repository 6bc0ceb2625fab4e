import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchRemoteImage, type ProxyNetwork } from './image-proxy';

// Redirects from a public host to a private one. There is no public network here, so names are
// resolved by a table and the public addresses are dialled at a loopback server that plays every
// host: the proxy's own checks (resolve, refuse, connect to the checked address, follow redirects)
// run unchanged. What must hold: a redirect to a private target is refused before any connection.

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const NAMES: Record<string, string[]> = {
  'img.example': ['93.184.215.14'],
  'cdn.example': ['93.184.215.15'],
  'intranet.example': ['10.0.0.7'],
  'metadata.example': ['169.254.169.254'],
  'mixed.example': ['93.184.215.16', '192.168.1.1'],
};

let server: Server;
let port: number;
let requests: string[] = [];
const dialled: string[] = [];

const net: ProxyNetwork = {
  async resolve(hostname) {
    const family = isIP(hostname);
    if (family) return [{ address: hostname, family }];
    const addresses = NAMES[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): LookupAddress => ({ address, family: isIP(address) }));
  },
  dial(checked) {
    dialled.push(checked.address);
    // Only the stand-ins for public hosts lead anywhere: to the loopback server.
    return checked.address.startsWith('93.184.215.') ? { address: '127.0.0.1', family: 4 } : checked;
  },
};

const redirects: Record<string, (p: number) => string> = {
  '/to-private': (p) => `http://intranet.example:${p}/pixel.png`,
  '/to-metadata': (p) => `http://metadata.example:${p}/latest/meta-data`,
  '/to-loopback': (p) => `http://127.0.0.1:${p}/pixel.png`,
  '/to-mapped': (p) => `http://[::ffff:127.0.0.1]:${p}/pixel.png`,
  '/to-mixed': (p) => `http://mixed.example:${p}/pixel.png`,
  '/to-public': (p) => `http://cdn.example:${p}/pixel.png`,
  '/loop': () => '/loop',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.headers.host}${req.url}`);
    const target = redirects[req.url ?? ''];
    if (target) res.writeHead(302, { location: target(port) }).end();
    else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>');
    else res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests = [];
  dialled.length = 0;
});

const fetchVia = (path: string) => fetchRemoteImage(`http://img.example:${port}${path}`, net);
const refusal = (path: string) => fetchVia(path).then(() => null, (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }));

describe('image proxy redirects', () => {
  it('public -> public: followed, and the image arrives', async () => {
    const image = await fetchVia('/to-public');
    const chunks: Buffer[] = [];
    for await (const chunk of image.body) chunks.push(chunk as Buffer);
    expect(image.contentType).toBe('image/png');
    expect(Buffer.concat(chunks)).toEqual(PNG);
    expect(requests).toEqual([`img.example:${port}/to-public`, `cdn.example:${port}/pixel.png`]);
  });

  it.each(['/to-private', '/to-metadata', '/to-loopback', '/to-mapped', '/to-mixed'])(
    'public -> private (%s): refused, and nothing connects to the private target',
    async (path) => {
      expect(await refusal(path)).toEqual({ code: 'forbidden', message: 'Images from private networks are not loaded' });
      expect(requests).toEqual([`img.example:${port}${path}`]);
      expect(dialled).toEqual(['93.184.215.14']);
    },
  );

  it('more than 3 redirects: refused after the fourth answer', async () => {
    expect(await refusal('/loop')).toEqual({ code: 'not_found', message: 'Too many redirects' });
    expect(requests).toHaveLength(4);
  });

  it('a page that is not a raster image: refused', async () => {
    expect(await refusal('/page.html')).toEqual({ code: 'not_found', message: 'Not an image Wren shows' });
  });

  it('a name that does not resolve: not found, nothing dialled', async () => {
    expect(await fetchRemoteImage('http://nowhere.example/x.png', net).catch((e: { code: string }) => e.code)).toBe('not_found');
    expect(dialled).toEqual([]);
  });
});
