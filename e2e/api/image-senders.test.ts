import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as sendersRoute from '@/app/api/image-senders/route';
import { encodeMessageId } from '@/lib/message-id';
import type { MessageDto } from '@/lib/types';
import { rawImap } from '../support/dovecot';
import { call, cookieFrom } from './call';

// "Always show images from this sender": remembered per user, beyond one session.

const signIn = async () => cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'counter', password: 'secret' } }));

async function store(from: string, html: string): Promise<string> {
  const client = await rawImap('counter');
  try {
    const raw = `From: ${from}\r\nSubject: Images\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`;
    const appended = await client.append('INBOX', raw);
    if (!appended || !appended.uid || appended.uidValidity === undefined) throw new Error('no APPENDUID');
    return encodeMessageId({ path: 'INBOX', uidValidity: appended.uidValidity.toString(), uid: appended.uid });
  } finally {
    await client.logout();
  }
}

const always = async (cookie: string, id: string) => {
  const message: MessageDto = await (await call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } })).json();
  return message.body.kind === 'html' ? message.body.imagesAlways : null;
};
const remember = (cookie: string, body: unknown, origin?: string | null) => call(sendersRoute.POST, '/api/image-senders', { method: 'POST', cookie, body, origin });

let cookie: string;
let news: string;
let newsAgain: string;
let other: string;
let textOnly: string;
beforeAll(async () => {
  cookie = await signIn();
  const sender = `News <news-${Date.now()}@Sender.example>`;
  news = await store(sender, '<p>Hi <img src="https://cdn.example/a.png"></p>');
  newsAgain = await store(sender, '<p>Again <img src="https://cdn.example/b.png"></p>');
  other = await store('Other <other@elsewhere.example>', '<p><img src="https://cdn.example/c.png"></p>');
  textOnly = await store(sender, '<p>No images here</p>');
});

describe('POST /api/image-senders', () => {
  it('always: that sender’s messages with remote images say so (any letter case), others do not; a new session still knows', async () => {
    expect(await always(cookie, news)).toBe(false);
    const address = (await (await call(messageRoute.GET, `/api/messages/${news}`, { cookie, params: { id: news } })).json()).from[0].address;
    const res = await remember(cookie, { address: address.toUpperCase(), always: true });
    expect(res.status).toBe(200);
    expect(await always(cookie, news)).toBe(true);
    expect(await always(cookie, newsAgain)).toBe(true);
    expect(await always(cookie, other)).toBe(false);
    expect(await always(cookie, textOnly)).toBe(false);
    const later = await signIn();
    expect(await always(later, newsAgain)).toBe(true);
    expect((await remember(later, { address, always: false })).status).toBe(200);
    expect(await always(cookie, news)).toBe(false);
  });

  it('refuses a request without Origin (403), a malformed address (400) and no session (401)', async () => {
    expect((await remember(cookie, { address: 'a@b.example', always: true }, null)).status).toBe(403);
    expect((await remember(cookie, { address: 'a@b.example\r\nX: y', always: true })).status).toBe(400);
    expect((await remember(cookie, { address: 'not an address', always: true })).status).toBe(400);
    expect((await remember('', { address: 'a@b.example', always: true })).status).toBe(401);
  });
});
