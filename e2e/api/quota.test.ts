import { randomBytes, randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as quotaRoute from '@/app/api/quota/route';
import * as copyRoute from '@/app/api/messages/copy/route';
import * as sendRoute from '@/app/api/send/route';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { call, cookieFrom } from './call';

// quinn (not seeded) has a 20 KB quota of her own in the test Dovecot (scripts/test-stack.sh):
// these tests fill it with messages of known sizes. They run in order and cannot run twice on
// one stack (her mailbox stays full).

const KB = 1024;
let cookie: string;
let quinn: ImapFlow;
let bob: ImapFlow;

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'quinn', password: 'secret' } }));
  [quinn, bob] = await Promise.all([rawImap('quinn'), rawImap('bob')]);
});
afterAll(async () => {
  await Promise.all([quinn.logout(), bob.logout()]);
});

/** A message of exactly `size` bytes, CRLF line endings (Dovecot's virtual size is the same). */
function message(subject: string, size: number): string {
  const head = `From: Ann <ann@example.org>\r\nTo: quinn@example.com\r\nSubject: ${subject}\r\n\r\n`;
  const lines: string[] = [];
  let left = size - head.length;
  while (left > 0) {
    const n = Math.min(left, 78);
    lines.push(n >= 2 ? `${'x'.repeat(n - 2)}\r\n` : 'x'.repeat(n));
    left -= n;
  }
  const text = head + lines.join('');
  if (text.length !== size) throw new Error(`built ${text.length} bytes, not ${size}`);
  return text;
}

async function quota() {
  const res = await call(quotaRoute.GET, '/api/quota', { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as { quota: unknown; usage: unknown };
}

describe('quota (RFC 9208) against the real Dovecot', () => {
  it('GET /api/quota gives the figures Dovecot reports after appending known sizes', async () => {
    await quinn.append('INBOX', message('five', 5 * KB));
    await quinn.append('INBOX', message('eight', 8 * KB));
    const dovecot = await quinn.getQuota('INBOX');
    expect(dovecot && dovecot.storage).toEqual({ usage: 13 * KB, limit: 20 * KB, status: '65%' });
    expect(await quota()).toEqual({ quota: { usedBytes: 13 * KB, limitBytes: 20 * KB }, usage: { text: '13 KB of 20 KB', percent: 65 } });
  });

  it('a copy into a full mailbox: 507 with how full it is, nothing copied', async () => {
    await quinn.mailboxCreate('Keep');
    await quinn.append('INBOX', message('six', 6 * KB));
    const status = await quinn.status('INBOX', { uidValidity: true });
    if (!status) throw new Error('no STATUS for INBOX');
    const [eight] = await uidsWithSubject(quinn, 'INBOX', 'eight');
    const res = await call(copyRoute.POST, '/api/messages/copy', {
      method: 'POST',
      cookie,
      body: { selection: { folder: 'INBOX', uidValidity: String(status.uidValidity), uids: String(eight) }, destination: 'Keep' },
    });
    expect(res.status).toBe(507);
    expect(await res.json()).toEqual({ error: { code: 'over_quota', message: 'Your mailbox is full (19 KB of 20 KB used): delete or archive mail to make room.' } });
    expect(await quinn.status('Keep', { messages: true })).toMatchObject({ messages: 0 });
  });

  it('a send whose Sent copy does not fit: sent, and the warning says the mailbox is full', async () => {
    const subject = `Full ${randomBytes(4).toString('hex')}`;
    const res = await call(sendRoute.POST, '/api/send', {
      method: 'POST',
      cookie,
      body: { composeId: randomUUID(), fromName: 'Quinn', to: [{ name: 'Bob', address: 'bob@example.com' }], subject, html: `<p>${'y'.repeat(3000)}</p>`, text: 'y'.repeat(3000) },
    });
    expect(res.status).toBe(200);
    const { warnings } = (await res.json()) as { warnings: string[] };
    expect(warnings).toEqual(['The message was sent, but your mailbox is full (19 KB of 20 KB used), so no copy was saved in Sent: delete or archive mail to make room.']);
    // Not lost: bob has it.
    let found: number[] = [];
    for (let i = 0; i < 50 && !found.length; i++) {
      found = await uidsWithSubject(bob, 'INBOX', subject);
      if (!found.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toHaveLength(1);
    expect(await uidsWithSubject(quinn, 'Sent Messages', subject)).toEqual([]);
    // The send forgot the cached figures: they are read again.
    expect((await quota()).quota).toEqual({ usedBytes: 19 * KB, limitBytes: 20 * KB });
  });
});
