import { expect, test } from '@playwright/test';
import { encodeMessageId } from '@/lib/message-id';
import type { MessageDto } from '@/lib/types';
import { rawImap } from '../support/dovecot';
import { BASE_URL } from '../../playwright.config';

// HTML that takes the sanitizer a minute (100,000 nested elements) is sanitized on a worker
// thread of the production server: the server keeps answering everyone while it runs, the
// message says "too complex" once the 2 s budget is spent, and the next message opens normally.

const nested = '<div>'.repeat(100_000) + 'deep' + '</div>'.repeat(100_000);
const mail = (subject: string, html: string) =>
  `From: Deep <deep@example.org>\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`;

test('a message that takes a minute to sanitize does not hold the server up', async ({ request }) => {
  test.setTimeout(60_000);
  const client = await rawImap('erin');
  const ids: string[] = [];
  try {
    for (const raw of [mail('Slow to sanitize', nested), mail('Quick after', '<p>quick <b>one</b></p>')]) {
      const appended = await client.append('INBOX', raw);
      if (!appended || !appended.uid) throw new Error('no APPENDUID');
      ids.push(encodeMessageId({ path: 'INBOX', uidValidity: String(appended.uidValidity), uid: appended.uid }));
    }
  } finally {
    await client.logout();
  }
  const signIn = await request.post('/api/session', { headers: { origin: BASE_URL }, data: { username: 'erin', password: 'secret' } });
  expect(signIn.ok()).toBe(true);

  const started = Date.now();
  const slow = request.get(`/api/messages/${ids[0]}`).then(async (res) => ({ ms: Date.now() - started, message: (await res.json()) as MessageDto }));
  // Meanwhile the server answers other requests at once.
  const latencies: number[] = [];
  let done = false;
  void slow.then(() => (done = true));
  while (!done) {
    const t = Date.now();
    expect((await request.get('/api/session')).ok()).toBe(true);
    latencies.push(Date.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  const { ms, message } = await slow;
  expect(message.body).toEqual({ kind: 'too_complex', reason: 'its HTML takes too long to make safe' });
  expect(ms).toBeLessThan(6_000);
  expect(latencies.length).toBeGreaterThan(5);
  expect(Math.max(...latencies)).toBeLessThan(500);

  // The worker that was stopped is replaced: the next HTML message is sanitized as usual.
  const quick = (await (await request.get(`/api/messages/${ids[1]}`)).json()) as MessageDto;
  expect(quick.body).toMatchObject({ kind: 'html', html: expect.stringContaining('<b>one</b>') });
});
