import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as flagsRoute from '@/app/api/messages/flags/route';
import * as attachmentRoute from '@/app/api/messages/[id]/attachments/[part]/route';
import { decodeMessageId, encodeMessageId } from '@/lib/message-id';
import type { MessageDto, MessagePageDto, MessageSummaryDto } from '@/lib/types';
import { hasFlag, rawImap } from '../support/dovecot';
import { fixture, manifest } from '../support/manifest';
import { call, cookieFrom } from './call';

let cookie: string;

async function list(folder: string, query = ''): Promise<MessagePageDto> {
  const res = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}${query}`, { cookie });
  expect(res.status).toBe(200);
  return res.json();
}

async function open(id: string): Promise<Response> {
  return call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } });
}

async function summaryOf(folder: string, subject: string): Promise<MessageSummaryDto> {
  const page = await list(folder);
  const found = page.messages.find((m) => m.subject === subject);
  if (!found) throw new Error(`"${subject}" not listed in ${folder}`);
  return found;
}

beforeAll(async () => {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } });
  cookie = cookieFrom(res);
});

describe('GET /api/messages', () => {
  it('lists a folder newest first with decoded headers, flags and attachment icon', async () => {
    const page = await list('INBOX');
    const expected = manifest.messages.filter((m) => m.folder === 'INBOX').sort((a, b) => b.uid - a.uid);
    expect(page.total).toBe(expected.length);
    expect(page.messages.map((m) => m.subject)).toEqual(expected.map((m) => m.subject));
    const report = page.messages.find((m) => m.subject === 'Report attached')!;
    expect(report).toMatchObject({ seen: true, flagged: true, answered: false, hasAttachments: true });
    expect(report.from).toEqual({ name: 'Rita Reports', address: 'rita@example.com' });
    const inline = page.messages.find((m) => m.subject === 'Inline logo')!;
    expect(inline.hasAttachments).toBe(false);
    expect(page.messages.find((m) => m.subject === 'Plain hello')).toMatchObject({ answered: true });
  });

  it('unknown folder -> 404 with the one error shape', async () => {
    const res = await call(messagesRoute.GET, '/api/messages?folder=No%20such%20folder', { cookie });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Folder does not exist' } });
  });

  it('folder path with CR/LF or an oversized limit -> 400', async () => {
    expect((await call(messagesRoute.GET, '/api/messages?folder=INBOX%0D%0AA1%20LOGOUT', { cookie })).status).toBe(400);
    expect((await call(messagesRoute.GET, '/api/messages?folder=INBOX&limit=100000', { cookie })).status).toBe(400);
  });

  it('a window past the end is empty, not an error', async () => {
    const page = await list('INBOX', '&offset=500');
    expect(page.messages).toEqual([]);
  });
});

describe('GET /api/messages/:id', () => {
  it('malformed id -> 400; unknown UID -> 404; stale UIDVALIDITY -> 404, never another message', async () => {
    const bad = await open('not-an-id');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_request');

    const known = decodeMessageId((await summaryOf('INBOX', 'Plain hello')).id)!;
    const missing = await open(encodeMessageId({ ...known, uid: 999_999 }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toEqual({ code: 'not_found', message: 'Message does not exist' });

    const stale = await open(encodeMessageId({ ...known, uidValidity: String(BigInt(known.uidValidity) + 1n) }));
    expect(stale.status).toBe(404);

    const noFolder = await open(encodeMessageId({ ...known, path: 'Gone' }));
    expect(noFolder.status).toBe(404);
  });

  it('plain text: headers and the decoded body', async () => {
    const f = fixture('INBOX', 'Plain hello');
    const res = await open((await summaryOf('INBOX', f.subject)).id);
    const msg: MessageDto = await res.json();
    expect(msg.from).toEqual([f.from]);
    expect(msg.body.kind).toBe('text');
    for (const text of f.textContains) expect(msg.body.kind === 'text' && msg.body.text).toContain(text);
  });

  it('HTML: sanitized on the server, remote content flagged, links kept safe', async () => {
    const f = fixture('INBOX', 'Hostile newsletter');
    const msg: MessageDto = await (await open((await summaryOf('INBOX', f.subject)).id)).json();
    if (msg.body.kind !== 'html') throw new Error('expected an HTML body');
    expect(msg.body.html).not.toMatch(/<script|onerror|__wrenPwned/i);
    expect(msg.body.hasRemoteContent).toBe(true);
    expect(msg.body.html).toContain('rel="noopener noreferrer"');
    for (const text of f.htmlContains ?? []) expect(msg.body.html).toContain(text);
  });

  it('opening does not mark read; POST /api/messages/flags does, as the server sees it', async () => {
    const summary = await summaryOf('INBOX', 'Café ☕ meeting');
    expect(summary.seen).toBe(false);
    await open(summary.id);
    const client = await rawImap('alice');
    try {
      await client.mailboxOpen('INBOX');
      expect(await hasFlag(client, summary.uid, '\\Seen')).toBe(false);

      const mark = await call(flagsRoute.POST, '/api/messages/flags', { method: 'POST', cookie, body: { ids: [summary.id], seen: true } });
      expect(mark.status).toBe(200);
      expect(await hasFlag(client, summary.uid, '\\Seen')).toBe(true);

      const unmark = await call(flagsRoute.POST, '/api/messages/flags', { method: 'POST', cookie, body: { ids: [summary.id], seen: false } });
      expect(unmark.status).toBe(200);
      expect(await hasFlag(client, summary.uid, '\\Seen')).toBe(false);
    } finally {
      await client.logout();
    }
  });

  it('POST /api/messages/flags without Origin -> 403, nothing changed', async () => {
    const summary = await summaryOf('INBOX', 'Café ☕ meeting');
    const res = await call(flagsRoute.POST, '/api/messages/flags', { method: 'POST', cookie, origin: null, body: { ids: [summary.id], seen: true } });
    expect(res.status).toBe(403);
    expect((await summaryOf('INBOX', 'Café ☕ meeting')).seen).toBe(false);
  });
});

describe('charsets and encoded words', () => {
  const charsetFixtures = manifest.messages.filter((m) => m.folder === 'Charsets');

  it.each(charsetFixtures.map((f) => [f.charset, f] as const))('%s subject and body decode', async (_charset, f) => {
    const summary = await summaryOf('Charsets', f.subject);
    const msg: MessageDto = await (await open(summary.id)).json();
    expect(msg.subject).toBe(f.subject);
    if (msg.body.kind !== 'text') throw new Error('expected a text body');
    for (const text of f.textContains) expect(msg.body.text).toContain(text);
  });

  it('RFC 2231 and RFC 2047 attachment names decode', async () => {
    for (const subject of ['Report attached', 'Meeting notes 日本語']) {
      const f = fixture('INBOX', subject);
      const msg: MessageDto = await (await open((await summaryOf('INBOX', subject)).id)).json();
      expect(msg.attachments.map((a) => [a.part, a.filename])).toEqual(f.attachments.map((a) => [a.part, a.filename]));
    }
  });
});

describe('GET /api/messages/:id/attachments/:part', () => {
  it.each(['Report attached', 'Meeting notes 日本語'])('%s: streamed bytes hash to the original’s sha256', async (subject) => {
    const f = fixture('INBOX', subject);
    const { id } = await summaryOf('INBOX', subject);
    const attachment = f.attachments[0];
    const res = await call(attachmentRoute.GET, `/api/messages/${id}/attachments/${attachment.part}`, {
      cookie,
      params: { id, part: attachment.part },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(attachment.filename).replace(/'/g, '%27')}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(attachment.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(attachment.sha256);
  });

  it('an inline cid image is served inline as image/png only when asked', async () => {
    const { id } = await summaryOf('INBOX', 'Inline logo');
    const inline = await call(attachmentRoute.GET, `/api/messages/${id}/attachments/2?inline=1`, { cookie, params: { id, part: '2' } });
    expect(inline.headers.get('content-type')).toBe('image/png');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline/);
    await inline.arrayBuffer();
  });

  it('unknown part -> 404, malformed part -> 400', async () => {
    const { id } = await summaryOf('INBOX', 'Report attached');
    const missing = await call(attachmentRoute.GET, `/api/messages/${id}/attachments/9`, { cookie, params: { id, part: '9' } });
    expect(missing.status).toBe(404);
    const bad = await call(attachmentRoute.GET, `/api/messages/${id}/attachments/x`, { cookie, params: { id, part: '../x' } });
    expect(bad.status).toBe(400);
  });
});
