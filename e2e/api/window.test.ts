import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import type { MessagePageDto } from '@/lib/types';
import { countHeaderFetches } from '../support/dovecot';
import { call, cookieFrom } from './call';

let cookie: string;

async function page(offset: number, limit: number): Promise<MessagePageDto> {
  const res = await call(messagesRoute.GET, `/api/messages?folder=Big&offset=${offset}&limit=${limit}`, { cookie });
  expect(res.status).toBe(200);
  return res.json();
}

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'bulk', password: 'secret' } }));
});

describe('a 10,000-message folder', () => {
  it('the server sends only the requested window of headers (FETCH responses counted in Dovecot’s raw log)', async () => {
    const before = countHeaderFetches('bulk');
    const first = await page(0, 50);
    expect(first.total).toBe(10_000);
    expect(first.messages).toHaveLength(50);
    expect(first.messages[0].subject).toBe('Bulk message #10000');
    expect(countHeaderFetches('bulk') - before).toBe(50);
  });

  it('the oldest message is reachable with a deep window', async () => {
    const before = countHeaderFetches('bulk');
    const last = await page(9_950, 50);
    expect(last.messages).toHaveLength(50);
    expect(last.messages.at(-1)!.subject).toBe('Bulk message #1');
    expect(countHeaderFetches('bulk') - before).toBe(50);
  });
});
