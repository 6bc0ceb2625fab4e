import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as attachmentRoute from '@/app/api/messages/[id]/attachments/[part]/route';
import * as flagsRoute from '@/app/api/messages/flags/route';
import * as moveRoute from '@/app/api/messages/move/route';
import * as changesRoute from '@/app/api/messages/changes/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as subscriptionRoute from '@/app/api/folders/subscription/route';
import * as searchRoute from '@/app/api/search/route';
import type { MessagePageDto } from '@/lib/types';
import { wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';

// CR/LF in every id and folder parameter: each is refused at the boundary (400, or 404 for an
// id that is not one), the session's IMAP connection keeps working, and no injected command
// ever reaches Dovecot (its raw log of Wren's sessions is read back).

const INJECTED = 'A1 LOGOUT';
const evilPath = `INBOX\r\n${INJECTED}`;
const evilPathQ = encodeURIComponent(evilPath);
// A well-formed id whose folder path carries CR/LF: <uidvalidity>.<uid>.<base64url(path)>.
const evilId = `1.1.${Buffer.from(evilPath).toString('base64url')}`;
const rawEvilId = `1.1.INBOX\r\n${INJECTED}`;

let cookie: string;
let goodId: string;
beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } }));
  const page: MessagePageDto = await (await call(messagesRoute.GET, '/api/messages?folder=INBOX&limit=1', { cookie })).json();
  goodId = page.messages[0].id;
});

const selection = (folder: string) => ({ folder, uidValidity: '1', uids: '1' });
const post = <P>(handler: Parameters<typeof call<P>>[0], path: string, body: unknown) => call(handler, path, { method: 'POST', cookie, body });

describe('CR/LF in ids and folder parameters', () => {
  it('every route refuses them, and nothing injected reaches the IMAP server', async () => {
    const answers: Array<[string, number]> = [];
    const note = async (name: string, res: Promise<Response>) => answers.push([name, (await res).status]);
    await note('list folder', call(messagesRoute.GET, `/api/messages?folder=${evilPathQ}`, { cookie }));
    await note('search folder', call(messagesRoute.GET, `/api/messages?folder=${evilPathQ}&q=hello`, { cookie }));
    await note('changes folder', call(changesRoute.GET, `/api/messages/changes?folder=${evilPathQ}&uidValidity=1&modseq=1`, { cookie }));
    await note('open: id with encoded CR/LF path', call(messageRoute.GET, `/api/messages/${evilId}`, { cookie, params: { id: evilId } }));
    await note('open: raw CR/LF id', call(messageRoute.GET, '/api/messages/x', { cookie, params: { id: rawEvilId } }));
    await note('attachment part', call(attachmentRoute.GET, '/api/messages/x/attachments/x', { cookie, params: { id: goodId, part: `1\r\n${INJECTED}` } }));
    await note('flags: ids', post(flagsRoute.POST, '/api/messages/flags', { ids: [evilId, rawEvilId], seen: true }));
    await note('flags: selection', post(flagsRoute.POST, '/api/messages/flags', { selection: selection(evilPath), seen: true }));
    await note('flags: uid set', post(flagsRoute.POST, '/api/messages/flags', { selection: { folder: 'INBOX', uidValidity: '1', uids: `1\r\n${INJECTED}` }, seen: true }));
    await note('move: source', post(moveRoute.POST, '/api/messages/move', { selection: selection(evilPath), destination: 'Archive' }));
    await note('move: destination', post(moveRoute.POST, '/api/messages/move', { selection: selection('INBOX'), destination: evilPath }));
    await note('create folder: parent', post(foldersRoute.POST, '/api/folders', { parent: evilPath, name: 'x' }));
    await note('subscription', post(subscriptionRoute.POST, '/api/folders/subscription', { path: evilPath, subscribed: true }));
    await note('search all: resume folder', call(searchRoute.GET, `/api/search?q=hello&after=${encodeURIComponent(JSON.stringify([{ folder: evilPath, uidValidity: '1', below: 5 }]))}`, { cookie }));
    for (const [name, status] of answers) expect({ name, status: [400, 404].includes(status) ? 'refused' : status }).toEqual({ name, status: 'refused' });

    // The connection still works, and Dovecot never saw the injected text.
    expect((await call(messagesRoute.GET, '/api/messages?folder=INBOX&limit=1', { cookie })).status).toBe(200);
    expect(wrenCommands('alice').filter((line) => line.includes(INJECTED))).toEqual([]);
  });
});
