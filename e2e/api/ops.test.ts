import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as healthRoute from '@/app/api/health/route';
import * as readyRoute from '@/app/api/health/ready/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as sessionRoute from '@/app/api/session/route';
import * as metricsRoute from '@/app/metrics/route';
import type { MessagePageDto } from '@/lib/types';
import { env } from '@/server/env';
import { checkReadiness } from '@/server/health';
import { call, cookieFrom } from './call';
import { openEventStream } from './event-stream';

// Operations (#17): health and readiness, /metrics, the access log, the event stream's headers.
// The token and the access log are switched on before anything reads the configuration.
const TOKEN = 'metrics-token-for-the-ops-test';
process.env.METRICS_TOKEN = TOKEN;
process.env.ACCESS_LOG = '1';

const USER = 'alice';
let cookie: string;

/** What console.log printed while `fn` ran. */
async function captureStdout(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

function metricsRequest(headers: Record<string, string>): Request {
  return new Request('http://wren.test/metrics', { headers: { host: 'wren.test', ...headers } });
}

async function scrape(): Promise<string> {
  const res = metricsRoute.GET(metricsRequest({ 'x-forwarded-for': '127.0.0.1' }));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample (`name{labels}`) in an exposition, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (wanted.every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return 0;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  expect(env().METRICS_TOKEN).toBe(TOKEN);
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } }));
});

describe('health', () => {
  it('GET /api/health – 200 {"status":"ok"}, no session needed', async () => {
    const res = await call(healthRoute.GET, '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/health/ready – 200 when IMAP, SMTP and Redis answer their greeting', async () => {
    const res = await call(readyRoute.GET, '/api/health/ready');
    const body = (await res.json()) as { status: string; down: string[]; checks: Array<{ name: string; ok: boolean }> };
    expect(res.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.down).toEqual([]);
    expect(body.checks.map((c) => c.name).sort()).toEqual(['imap', 'redis', 'smtp']);
  });

  it('readiness names IMAP as down when its port is closed, the others still up', async () => {
    const result = await checkReadiness({ ...env(), IMAP_PORT: await closedPort() });
    expect(result.ready).toBe(false);
    const imap = result.checks.find((c) => c.name === 'imap')!;
    expect(imap.ok).toBe(false);
    expect(imap.error).toBe('ECONNREFUSED');
    expect(result.checks.filter((c) => c.name !== 'imap').every((c) => c.ok)).toBe(true);
  });

  it('readiness names SMTP as down when the port answers something else than SMTP (the IMAP port)', async () => {
    const result = await checkReadiness({ ...env(), SMTP_HOST: '127.0.0.1', SMTP_PORT: env().IMAP_PORT, SMTP_TLS: 'starttls' });
    expect(result.checks.find((c) => c.name === 'smtp')).toMatchObject({ ok: false, error: expect.stringMatching(/^unexpected greeting/) });
  });
});

describe('GET /metrics', () => {
  it('answers loopback; refuses another address without the token; answers it with the token only', async () => {
    expect(metricsRoute.GET(metricsRequest({ 'x-forwarded-for': '127.0.0.1' })).status).toBe(200);
    expect(metricsRoute.GET(metricsRequest({ 'x-forwarded-for': '::1' })).status).toBe(200);
    expect(metricsRoute.GET(metricsRequest({ 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    // Behind one proxy the client is the rightmost entry: a forged 127.0.0.1 further left proves nothing.
    expect(metricsRoute.GET(metricsRequest({ 'x-forwarded-for': '127.0.0.1, 203.0.113.9' })).status).toBe(403);
    expect(metricsRoute.GET(metricsRequest({ 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect(metricsRoute.GET(metricsRequest({ 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}x` })).status).toBe(403);
    expect(metricsRoute.GET(metricsRequest({ 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer ' })).status).toBe(403);
  });

  it('every line parses as the text format; figures move after requests; routes are patterns, never ids', async () => {
    const before = await scrape();
    const foldersCount = () => ({ route: '/api/folders', method: 'GET', status: '200' });
    expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
    const page = (await (await call(messagesRoute.GET, '/api/messages?folder=INBOX&limit=5', { cookie })).json()) as MessagePageDto;
    const ids = page.messages.map((m) => m.id);
    const kinds: string[] = [];
    for (const id of ids) {
      const res = await call(messageRoute.GET, `/api/messages/${encodeURIComponent(id)}`, { cookie, params: { id } });
      expect(res.status).toBe(200);
      kinds.push(((await res.json()) as { body: { kind: string } }).body.kind);
    }
    expect(kinds).toContain('html');
    expect((await call(foldersRoute.GET, '/api/folders')).status).toBe(401);
    const stream = await openEventStream(cookie, 'INBOX');
    try {
      const after = await scrape();
      for (const line of after.split('\n').filter(Boolean)) {
        expect(line).toMatch(/^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_]\w*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN))$/);
      }
      expect(after).toContain('# TYPE wren_http_request_duration_seconds histogram');
      const count = (text: string) => sample(text, 'wren_http_request_duration_seconds_count', foldersCount());
      expect(count(after)).toBe(count(before) + 1);
      expect(sample(after, 'wren_http_request_duration_seconds_count', { route: '/api/messages/[id]', status: '200' })).toBeGreaterThanOrEqual(1);
      for (const id of ids) expect(after).not.toContain(id);
      expect(sample(after, 'wren_errors_total', { code: 'unauthorized' })).toBe(sample(before, 'wren_errors_total', { code: 'unauthorized' }) + 1);
      expect(sample(after, 'wren_event_stream_clients')).toBe(sample(before, 'wren_event_stream_clients') + 1);
      expect(sample(after, 'wren_imap_connections', { state: 'open' })).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'wren_sessions')).toBeGreaterThanOrEqual(1);
      expect(after).toMatch(/^wren_imap_connections\{state="busy"\} \d+$/m);
      expect(after).toMatch(/^wren_imap_connections\{state="waiting"\} \d+$/m);
      // The HTML bodies opened were sanitized.
      expect(sample(after, 'wren_sanitize_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(sample(before, 'wren_sanitize_duration_seconds_count', { outcome: 'ok' }));
    } finally {
      stream.close();
    }
  });
});

describe('the event stream', () => {
  it('GET /api/events – Cache-Control: no-cache, no-transform and X-Accel-Buffering: no, so no proxy holds events back', async () => {
    const stream = await openEventStream(cookie, 'INBOX');
    try {
      expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
      expect(stream.headers.get('x-accel-buffering')).toBe('no');
    } finally {
      stream.close();
    }
  });
});

describe('the access log (ACCESS_LOG=1)', () => {
  const accessLines = (lines: string[]) => lines.filter((l) => l.includes('"msg":"access"')).map((l) => JSON.parse(l) as Record<string, unknown>);

  it("sign-in's line names the route and the status; no password, no username, no cookie", async () => {
    let setCookie = '';
    const lines = await captureStdout(async () => {
      const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } });
      setCookie = cookieFrom(res).split('=')[1];
    });
    const [line] = accessLines(lines);
    expect(line).toMatchObject({ method: 'POST', route: '/api/session', status: 200, requestId: expect.any(String), ms: expect.any(Number) });
    expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'msg', 'requestId', 'route', 'status', 'time']);
    const all = lines.join('\n');
    expect(all).not.toContain('secret');
    expect(all).not.toContain(setCookie);
  });

  it("a search's line has the route pattern only: no search text, no query string, no id", async () => {
    const text = 'zanzibarquokka';
    const lines = await captureStdout(async () => {
      const res = await call(messagesRoute.GET, `/api/messages?folder=INBOX&limit=5&q=${text}`, { cookie });
      expect(res.status).toBe(200);
    });
    expect(accessLines(lines)).toEqual([expect.objectContaining({ method: 'GET', route: '/api/messages', status: 200 })]);
    expect(lines.join('\n')).not.toContain(text);
    expect(lines.join('\n')).not.toContain('?');
  });
});

afterAll(async () => {
  await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie }).catch(() => undefined);
});
