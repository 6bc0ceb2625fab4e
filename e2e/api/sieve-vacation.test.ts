import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as vacationRoute from '@/app/api/vacation/route';
import type { Vacation } from '@/lib/schemas';
import type { VacationDto } from '@/lib/types';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { deliverThroughPostfix, dovecotLogLines, uniqueMessageId } from '../support/delivery';
import { call, cookieFrom } from './call';

// A vacation reply set through Wren's API, answering mail delivered for real: SMTP to the
// stack's Postfix, LMTP to Dovecot, Pigeonhole runs vera's script and sends the reply back
// through Postfix (submission_host) into vince's INBOX. Each run has its own reply subject:
// Pigeonhole remembers whom it answered per reply, so a new subject starts afresh.
const run = Date.now().toString(36);
const SUBJECT = `Away until Monday (${run})`;

let cookie: string;
let vince: ImapFlow;
let vera: ImapFlow;

const put = (body: unknown, origin?: string) => call(vacationRoute.PUT, '/api/vacation', { method: 'PUT', body, cookie, origin });

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'vera', password: 'secret' } }));
  [vince, vera] = await Promise.all([rawImap('vince'), rawImap('vera')]);
});
afterAll(async () => {
  await Promise.all([vince.logout(), vera.logout()]);
});

/** The vacation actions Pigeonhole logged for one delivered message (by its Message-ID). */
const vacationLog = (messageId: string) => dovecotLogLines(`msgid=<${messageId}>`).filter((line) => line.includes('vacation action'));
const stored = (messageId: string) => dovecotLogLines(`msgid=<${messageId}>`).some((line) => /stored mail into mailbox|saved mail to/.test(line));

describe('vacation reply through ManageSieve, on real delivery', () => {
  it('PUT /api/vacation – refused from another origin, and with a line break in the subject', async () => {
    const vacation = { enabled: true, subject: 'x', text: 'y', days: 1 };
    expect((await put({ vacation }, 'http://evil.example')).status).toBe(403);
    const res = await put({ vacation: { ...vacation, subject: 'a\r\nBcc: x@evil.example' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_input');
  });

  it('PUT then GET /api/vacation – saved in Wren’s script, which is the active one', async () => {
    const vacation: Vacation = { enabled: true, start: null, end: null, subject: SUBJECT, text: 'I am away.\nBack on Monday: "soon".', addresses: [], days: 1 };
    const res = await put({ vacation });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as VacationDto;
    expect(saved).toMatchObject({ available: true, active: 'wren', otherScript: null, vacation });
    const read = await call(vacationRoute.GET, '/api/vacation', { cookie });
    expect(await read.json()).toEqual(saved);
  });

  it('a message delivered through Postfix is answered once per sender per period: the second gets no reply', async () => {
    const first = uniqueMessageId('vacation-1');
    await deliverThroughPostfix({ from: 'vince@example.com', to: 'vera@example.com', subject: `Lunch? ${run}`, messageId: first });
    // The reply arrives in the sender's INBOX.
    await expect.poll(() => uidsWithSubject(vince, 'INBOX', SUBJECT).then((u) => u.length), { timeout: 30_000, interval: 250 }).toBe(1);
    expect(vacationLog(first).join('\n')).toMatch(/sent vacation response to <vince@example\.com>/);
    const [reply] = await uidsWithSubject(vince, 'INBOX', SUBJECT);
    const fetched = await vince.fetchOne(String(reply), { source: true }, { uid: true });
    if (!fetched || !fetched.source) throw new Error('the reply is gone');
    const source = fetched.source.toString();
    expect(source).toMatch(/^Auto-Submitted: auto-replied/im);
    expect(source).toMatch(/Back on Monday: "soon"\./);
    // The original is kept in vera's INBOX too.
    await expect.poll(() => uidsWithSubject(vera, 'INBOX', `Lunch? ${run}`).then((u) => u.length), { timeout: 10_000 }).toBe(1);

    const second = uniqueMessageId('vacation-2');
    await deliverThroughPostfix({ from: 'vince@example.com', to: 'vera@example.com', subject: 'Lunch again?', messageId: second });
    // Pigeonhole decides while delivering: once the message is stored, the decision is logged.
    await expect.poll(() => stored(second), { timeout: 30_000, interval: 250 }).toBe(true);
    expect(vacationLog(second).join('\n')).toMatch(/discarded duplicate vacation response to <vince@example\.com>/);
    expect(await uidsWithSubject(vince, 'INBOX', SUBJECT)).toHaveLength(1);
  });

  it('dates bound the reply (currentdate): none before its first day, one within its days; turned off, its text is kept', async () => {
    const later: Vacation = { enabled: true, start: '2099-01-01', end: null, subject: `Later (${run})`, text: 'Not yet.', addresses: [], days: 1 };
    expect((await put({ vacation: later })).status).toBe(200);
    const early = uniqueMessageId('vacation-early');
    await deliverThroughPostfix({ from: 'vince@example.com', to: 'vera@example.com', subject: 'Too early', messageId: early });
    await expect.poll(() => stored(early), { timeout: 30_000, interval: 250 }).toBe(true);
    expect(vacationLog(early)).toEqual([]);

    // From yesterday to tomorrow, whatever the server's time zone.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const dated: Vacation = { ...later, start: day(-1), end: day(1), subject: `Dated (${run})` };
    expect((await put({ vacation: dated })).status).toBe(200);
    await deliverThroughPostfix({ from: 'vince@example.com', to: 'vera@example.com', subject: 'In time', messageId: uniqueMessageId('vacation-dated') });
    await expect.poll(() => uidsWithSubject(vince, 'INBOX', dated.subject).then((u) => u.length), { timeout: 30_000, interval: 250 }).toBe(1);

    const off = await put({ vacation: { ...dated, enabled: false } });
    expect(((await off.json()) as VacationDto & { available: true }).vacation).toEqual({ ...dated, enabled: false });
  });
});
