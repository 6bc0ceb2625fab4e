import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import type { MessagePageDto } from '@/lib/types';
import { call, cookieFrom } from './call';

let cookie: string;

const search = (folder: string, q: string) =>
  call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&q=${encodeURIComponent(q)}`, { cookie });

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } }));
});

describe('GET /api/messages?q= – search in a folder', () => {
  it('returns the matching messages newest first, with the total', async () => {
    const res = await search('INBOX', 'from:olivia');
    expect(res.status).toBe(200);
    const page: MessagePageDto = await res.json();
    expect(page.total).toBe(2);
    expect(page.messages.map((m) => m.subject)).toEqual(['Re: Plain hello', 'Plain hello']);
  });

  it('non-ASCII words and OR work', async () => {
    const page: MessagePageDto = await (await search('Charsets', 'déjà OR Zürich')).json();
    expect(page.total).toBe(1);
    const none: MessagePageDto = await (await search('INBOX', 'subject:quokka')).json();
    expect(none.total).toBe(0);
  });

  it('results open like any message', async () => {
    const page: MessagePageDto = await (await search('Work', 'quokka')).json();
    const [{ id }] = page.messages;
    const res = await call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } });
    expect(res.status).toBe(200);
    expect((await res.json()).subject).toBe('Quokka migration plan');
  });

  it('a malformed query gets an explained 400 with the position, never a 500', async () => {
    const res = await search('INBOX', 'from:olivia (is:unread');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/at character \d+/);
  });

  it('an overlong query is refused', async () => {
    const res = await search('INBOX', 'a '.repeat(400));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/too long/i);
  });
});
