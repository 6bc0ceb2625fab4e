import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as attachmentRoute from '@/app/api/messages/[id]/attachments/[part]/route';
import * as rawRoute from '@/app/api/messages/[id]/raw/route';
import * as composeRoute from '@/app/api/messages/[id]/compose/route';
import * as draftRoute from '@/app/api/drafts/[id]/route';
import * as draftsRoute from '@/app/api/drafts/route';
import * as sendRoute from '@/app/api/send/route';
import * as flagsRoute from '@/app/api/messages/flags/route';
import * as moveRoute from '@/app/api/messages/move/route';
import * as copyRoute from '@/app/api/messages/copy/route';
import * as archiveRoute from '@/app/api/messages/archive/route';
import * as deleteRoute from '@/app/api/messages/delete/route';
import * as junkRoute from '@/app/api/messages/junk/route';
import { encodeMessageId } from '@/lib/message-id';
import { rawImap } from '../support/dovecot';
import { call, cookieFrom } from './call';

// Every route that takes a message id or a selection refuses one minted under another
// UIDVALIDITY with 404, and leaves the message that now has that UID alone. Each stale id
// below names a UID that exists in the folder (a message with an attachment, flagged \Draft):
// a route that skipped the check would act on it and answer 200.

const FOLDER = `Stale ids ${randomUUID().slice(0, 8)}`;
const ATTACHED = readFileSync('e2e/seed/mail/INBOX/003-report-attached.seen.flagged.eml');

let cookie: string;
let imap: ImapFlow;
let uid: number;
let staleId: string;
let staleSelection: { folder: string; uidValidity: string; uids: string };

/** The message's flags and whether it is still in FOLDER, as the server says now. */
async function state(): Promise<{ flags: string[]; present: boolean }> {
  const lock = await imap.getMailboxLock(FOLDER);
  try {
    await imap.noop();
    const msg = await imap.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
    return { flags: msg ? [...(msg.flags ?? [])].sort() : [], present: Boolean(msg) };
  } finally {
    lock.release();
  }
}

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } }));
  imap = await rawImap('alice');
  await imap.mailboxCreate(FOLDER);
  const appended = await imap.append(FOLDER, ATTACHED, ['\\Draft']);
  if (!appended || !appended.uid || appended.uidValidity === undefined) throw new Error('no APPENDUID');
  uid = appended.uid;
  const stale = String(appended.uidValidity + 1n);
  staleId = encodeMessageId({ path: FOLDER, uidValidity: stale, uid });
  staleSelection = { folder: FOLDER, uidValidity: stale, uids: String(uid) };
});

afterAll(async () => {
  await imap.mailboxDelete(FOLDER);
  await imap.logout();
});

const notFound = async (res: Response) => {
  expect(res.status).toBe(404);
  expect((await res.json()).error.code).toBe('not_found');
};
const post = <P,>(handler: (req: Request, ctx: { params: Promise<P> }) => Promise<Response>, path: string, body: unknown) =>
  call(handler, path, { method: 'POST', cookie, body });
const partAttachment = () => ({ kind: 'part', messageId: staleId, part: '2', filename: 'report.pdf', size: 10, contentType: 'application/pdf' });
const compose = (fields: Record<string, unknown>) => ({
  composeId: randomUUID(),
  to: [{ name: '', address: 'nobody@elsewhere.test' }],
  subject: 'Stale',
  html: '<p>x</p>',
  text: 'x',
  ...fields,
});

describe('a stale message id or selection -> 404, and the message with that UID is left alone', () => {
  it('GET /api/messages/:id, its attachment, its raw download and a reply or forward of it', async () => {
    const params = { id: staleId };
    await notFound(await call(messageRoute.GET, `/api/messages/${staleId}`, { cookie, params }));
    await notFound(await call(attachmentRoute.GET, `/api/messages/${staleId}/attachments/2`, { cookie, params: { ...params, part: '2' } }));
    await notFound(await call(rawRoute.GET, `/api/messages/${staleId}/raw`, { cookie, params }));
    for (const mode of ['reply', 'all', 'forward']) {
      await notFound(await call(composeRoute.GET, `/api/messages/${staleId}/compose?mode=${mode}`, { cookie, params }));
    }
    // An open would have marked it \Seen.
    expect(await state()).toEqual({ flags: ['\\Draft'], present: true });
  });

  it('GET and DELETE /api/drafts/:id', async () => {
    const params = { id: staleId };
    await notFound(await call(draftRoute.GET, `/api/drafts/${staleId}`, { cookie, params }));
    await notFound(await call(draftRoute.DELETE, `/api/drafts/${staleId}`, { method: 'DELETE', cookie, params }));
    expect((await state()).present).toBe(true);
  });

  it('POST /api/drafts and /api/send with an attachment of a stale message: nothing stored, nothing sent', async () => {
    await notFound(await post(draftsRoute.POST, '/api/drafts', compose({ attachments: [partAttachment()] })));
    await notFound(await post(sendRoute.POST, '/api/send', compose({ attachments: [partAttachment()] })));
  });

  it('POST /api/send replying to a stale original: sent, with a warning, and no message marked answered', async () => {
    const res = await post(sendRoute.POST, '/api/send', compose({ original: { id: staleId, mode: 'reply' }, attachments: [] }));
    expect(res.status).toBe(200);
    expect((await res.json()).warnings).toContain('The original message could not be marked as answered.');
    expect((await state()).flags).toEqual(['\\Draft']);
  });

  it('POST flags (by ids and by selection), move, copy, archive, delete and junk', async () => {
    await notFound(await post(flagsRoute.POST, '/api/messages/flags', { ids: [staleId], seen: true, flagged: true }));
    await notFound(await post(flagsRoute.POST, '/api/messages/flags', { selection: staleSelection, seen: true }));
    await notFound(await post(moveRoute.POST, '/api/messages/move', { selection: staleSelection, destination: 'INBOX' }));
    await notFound(await post(copyRoute.POST, '/api/messages/copy', { selection: staleSelection, destination: 'INBOX' }));
    await notFound(await post(archiveRoute.POST, '/api/messages/archive', { selection: staleSelection, create: false }));
    await notFound(await post(deleteRoute.POST, '/api/messages/delete', { selection: staleSelection, permanent: true }));
    await notFound(await post(junkRoute.POST, '/api/messages/junk', { selection: staleSelection, junk: true }));
    expect(await state()).toEqual({ flags: ['\\Draft'], present: true });
  });
});
