import { randomBytes, randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as snoozeRoute from '@/app/api/snooze/route';
import * as scheduledRoute from '@/app/api/scheduled/route';
import * as cancelRoute from '@/app/api/scheduled/cancel/route';
import * as draftRoute from '@/app/api/drafts/[id]/route';
import type { ComposeDraftDto } from '@/lib/compose';
import { encodeMessageId } from '@/lib/message-id';
import type { SchedulerJobsDto } from '@/lib/scheduler';
import { runUser, tick } from '@/server/scheduler/runner';
import { schedulerState, processToken } from '@/server/scheduler/state';
import { store } from '@/server/session/session';
import { rawImap } from '../support/dovecot';
import { folderMessages, postfixAccepted, until } from '../support/scheduler';
import { call, cookieFrom } from './call';

// The scheduler against the real Dovecot and Postfix, in this process, its state in the test
// Redis: snow snoozes and schedules, snip receives. The scheduler's own runs are called
// directly (runUser, tick); the process spec (e2e/browser/scheduler-processes.spec.ts) runs it
// in Wren processes that get killed.

const USER = 'snow';
const DOMAIN = 'example.com';
let cookie: string;
let imap: ImapFlow;

const signIn = async () => cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } }));
const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`;
const post = (route: typeof snoozeRoute.POST, path: string, body: unknown) => call(route, path, { method: 'POST', cookie, body });
const jobs = async () => (await (await call(scheduledRoute.GET, '/api/scheduled', { cookie })).json()) as SchedulerJobsDto;

function compose(subject: string, fields: Record<string, unknown> = {}) {
  return { composeId: randomUUID(), fromName: 'Snow', to: [{ name: 'Snip', address: `snip@${DOMAIN}` }], bcc: [{ name: '', address: 'hidden@elsewhere.test' }], subject, html: '<p>Later</p>', text: 'Later', ...fields };
}

/** Runs the user's due work until `done` says so (the scheduler's tick, called by hand). */
async function runUntil(what: string, done: () => Promise<boolean> | boolean) {
  await until(what, async () => {
    await runUser(USER);
    return done();
  });
}

beforeAll(async () => {
  cookie = await signIn();
  imap = await rawImap(USER);
});
afterAll(async () => {
  await imap.logout();
});

describe('snooze', () => {
  it('moves a message to Snoozed with its time and brings it back to INBOX unread and newest at that time', async () => {
    const subject = unique('Snooze me');
    const appended = await imap.append('INBOX', `From: a@elsewhere.test\r\nTo: ${USER}@${DOMAIN}\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@elsewhere.test>\r\n\r\nBody.\r\n`, ['\\Seen']);
    if (!appended) throw new Error('APPEND failed');
    const id = encodeMessageId({ path: 'INBOX', uidValidity: String(appended.uidValidity), uid: appended.uid! });
    const dueAt = Date.now() + 1500;
    const res = await post(snoozeRoute.POST, '/api/snooze', { ids: [id], until: dueAt });
    expect(res.status).toBe(200);

    expect((await folderMessages(imap, 'INBOX')).some((m) => m.subject === subject)).toBe(false);
    const snoozed = (await folderMessages(imap, 'Snoozed', ['x-wren-snoozed-until'])).find((m) => m.subject === subject)!;
    expect(snoozed.headers).toContain(new Date(dueAt).toISOString());
    expect((await jobs()).snoozed.find((j) => j.subject === subject)?.dueAt).toBe(dueAt);

    // Not before its time.
    const early = await runUser(USER, dueAt - 1000);
    expect(early?.woke).toBe(0);
    expect(await schedulerState().dueOf(USER)).toBeLessThanOrEqual(dueAt);

    await runUntil('the snoozed message back in INBOX', async () => (await folderMessages(imap, 'INBOX')).some((m) => m.subject === subject));
    const inbox = await folderMessages(imap, 'INBOX', ['x-wren-snoozed-until']);
    const back = inbox.find((m) => m.subject === subject)!;
    expect(back.flags.has('\\Seen')).toBe(false);
    expect(back.headers.toLowerCase()).not.toContain('x-wren-snoozed-until'); // the header Wren added is gone again
    expect(back.uid).toBe(Math.max(...inbox.map((m) => m.uid))); // the newest arrival: on top
    expect((await folderMessages(imap, 'Snoozed')).some((m) => m.subject === subject)).toBe(false);
  });

  it('refuses a time in the past', async () => {
    const appended = await imap.append('INBOX', `Subject: ${unique('Past')}\r\n\r\nx\r\n`);
    if (!appended) throw new Error('APPEND failed');
    const id = encodeMessageId({ path: 'INBOX', uidValidity: String(appended.uidValidity), uid: appended.uid! });
    expect((await post(snoozeRoute.POST, '/api/snooze', { ids: [id], until: Date.now() - 1000 })).status).toBe(400);
  });
});

describe('send later', () => {
  it('waits in Scheduled and is sent once, at its time, without its Bcc line', async () => {
    const subject = unique('Later');
    const input = compose(subject);
    const sendAt = Date.now() + 1500;
    const res = await post(scheduledRoute.POST, '/api/scheduled', { compose: input, sendAt });
    expect(res.status).toBe(200);
    const messageId = `<${input.composeId}@${DOMAIN}>`;

    const queued = (await folderMessages(imap, 'Scheduled', ['x-wren-send-at'])).find((m) => m.subject === subject)!;
    expect(queued.headers).toContain(new Date(sendAt).toISOString());
    expect((await jobs()).scheduled.find((j) => j.subject === subject)).toMatchObject({ dueAt: sendAt, state: 'waiting', people: [`snip@${DOMAIN}`] });

    const early = await runUser(USER, sendAt - 1000);
    expect(early?.sent).toBe(0);
    expect(postfixAccepted(messageId)).toBe(0);

    await runUntil('the scheduled message sent', () => postfixAccepted(messageId) > 0);
    await runUser(USER);
    expect(postfixAccepted(messageId)).toBe(1);
    expect((await folderMessages(imap, 'Scheduled')).some((m) => m.subject === subject)).toBe(false);
    expect((await folderMessages(imap, 'Sent Messages')).filter((m) => m.subject === subject)).toHaveLength(1);
    const snip = await rawImap('snip');
    try {
      await until('delivered to snip', async () => (await folderMessages(snip, 'INBOX')).some((m) => m.subject === subject));
      const received = (await folderMessages(snip, 'INBOX', ['bcc', 'x-wren-send-at'])).find((m) => m.subject === subject)!;
      expect(received.headers.trim()).toBe('');
    } finally {
      await snip.logout();
    }
  });

  it('Undo within the window sends nothing and gives the draft back', async () => {
    const subject = unique('Undo');
    const input = compose(subject);
    const sendAt = Date.now() + 1500;
    const queued = (await (await post(scheduledRoute.POST, '/api/scheduled', { compose: input, sendAt })).json()) as { id: string };
    const cancelled = await post(cancelRoute.POST, '/api/scheduled/cancel', { id: queued.id });
    expect(cancelled.status).toBe(200);
    const { draftId } = (await cancelled.json()) as { draftId: string };

    await until('past the send time', () => Date.now() > sendAt + 200);
    await runUser(USER);
    expect(postfixAccepted(`<${input.composeId}@${DOMAIN}>`)).toBe(0);
    const draft = (await (await call(draftRoute.GET, `/api/drafts/${draftId}`, { cookie, params: { id: draftId } })).json()) as ComposeDraftDto;
    expect(draft).toMatchObject({ composeId: input.composeId, subject, bcc: [{ address: 'hidden@elsewhere.test' }] });
    // Too late to undo once it went: the id is gone.
    expect((await post(cancelRoute.POST, '/api/scheduled/cancel', { id: queued.id })).status).toBe(404);
  });

  it('a double Send queues and sends once', async () => {
    const subject = unique('Twice');
    const input = compose(subject);
    const sendAt = Date.now() + 1000;
    const answers = await Promise.all([1, 2].map(() => post(scheduledRoute.POST, '/api/scheduled', { compose: input, sendAt })));
    expect(answers.map((r) => r.status).sort()).toContain(200);
    const messageId = `<${input.composeId}@${DOMAIN}>`;
    expect((await folderMessages(imap, 'Scheduled')).filter((m) => m.subject === subject).length).toBeLessThanOrEqual(1);
    await runUntil('sent', () => postfixAccepted(messageId) > 0);
    // Queued again after it went (a third click): refused, nothing more goes.
    expect((await post(scheduledRoute.POST, '/api/scheduled', { compose: input, sendAt: Date.now() + 500 })).status).toBe(409);
    await runUser(USER, Date.now() + 1000);
    expect(postfixAccepted(messageId)).toBe(1);
  });

  it('a send cut off after it began (SENDING left, its claim held) is never sent again: marked unknown', async () => {
    const subject = unique('Cut');
    const input = compose(subject);
    const messageId = `<${input.composeId}@${DOMAIN}>`;
    await post(scheduledRoute.POST, '/api/scheduled', { compose: input, sendAt: Date.now() + 500 });
    const queued = (await folderMessages(imap, 'Scheduled')).find((m) => m.subject === subject)!;
    // What a process killed during SMTP leaves: the keyword on the message, the claim in Redis.
    await setFlag('Scheduled', queued.uid, '$WrenSending');
    await store().put(`send:${USER}:${input.composeId}`, 'sending', 600);
    await runUntil('marked unknown', async () => (await folderMessages(imap, 'Scheduled')).find((m) => m.subject === subject)?.flags.has('$WrenSendUnknown') ?? false);
    expect(postfixAccepted(messageId)).toBe(0);
    expect((await jobs()).scheduled.find((j) => j.subject === subject)?.state).toBe('unknown');
  });

  it('a send cut off before it began (SENDING left, no claim) goes once', async () => {
    const subject = unique('Before');
    const input = compose(subject);
    const messageId = `<${input.composeId}@${DOMAIN}>`;
    await post(scheduledRoute.POST, '/api/scheduled', { compose: input, sendAt: Date.now() + 500 });
    const queued = (await folderMessages(imap, 'Scheduled')).find((m) => m.subject === subject)!;
    await setFlag('Scheduled', queued.uid, '$WrenSending');
    await runUntil('sent', () => postfixAccepted(messageId) > 0);
    await runUser(USER, Date.now() + 1000);
    expect(postfixAccepted(messageId)).toBe(1);
  });
});

describe('the index and the lease', () => {
  it('a sign-in rebuilds the index from the folders on the server', async () => {
    const input = compose(unique('Rebuilt'));
    const sendAt = Date.now() + 60_000;
    await post(scheduledRoute.POST, '/api/scheduled', { compose: input, sendAt });
    const state = schedulerState();
    await state.setDue(USER, 42);
    await state.forgetIf(USER, 42);
    expect(await state.dueOf(USER)).toBeNull();
    await signIn();
    await until('the user back in the index', async () => (await state.dueOf(USER)) !== null);
    const result = await runUser(USER);
    expect(result?.next).toBeLessThanOrEqual(sendAt);
    expect(await state.dueOf(USER)).toBe(result?.next);
  });

  it('one holder of the lease at a time', async () => {
    const state = schedulerState();
    await state.releaseLease(processToken);
    expect(await state.holdLease('other-process', 2000)).toBe(true);
    expect(await tick()).toBe(false);
    expect(await state.holdLease('other-process', 2000)).toBe(true);
    await state.releaseLease('other-process');
    expect(await tick()).toBe(true);
    expect(await state.holdLease('other-process', 2000)).toBe(false);
    await state.releaseLease(processToken);
  });
});

async function setFlag(folder: string, uid: number, flag: string) {
  const lock = await imap.getMailboxLock(folder);
  try {
    await imap.messageFlagsAdd(String(uid), [flag], { uid: true });
  } finally {
    lock.release();
  }
}
