import { randomBytes } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as aclRoute from '@/app/api/folders/acl/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as flagsRoute from '@/app/api/messages/flags/route';
import * as deleteRoute from '@/app/api/messages/delete/route';
import * as searchRoute from '@/app/api/search/route';
import { keysOf } from '@/lib/rights';
import type { FolderAclDto, FolderDto, MessagePageDto, SearchEventDto } from '@/lib/types';
import { deleteAcl } from '@/server/imap/commands/deleteacl';
import { getAcl } from '@/server/imap/commands/getacl';
import { myRights } from '@/server/imap/commands/myrights';
import { setAcl } from '@/server/imap/commands/setacl';
import { hasFlag, rawImap, rawImapSession, uidsWithSubject } from '../support/dovecot';
import { call, cookieFrom, readNdjson } from './call';
import { openEventStream } from './event-stream';

// Shared and public folders (RFC 2342 NAMESPACE, RFC 4314 ACL) on the test Dovecot
// (scripts/dovecot.sh): ida owns Team and Projects (seeded from e2e/seed/team/), jon reads what
// she shares; every user sees Public/Announcements (e2e/seed/public/, `anyone lr`). The shares
// are set here first, so the file runs again on the same stack.

const TEAM = 'shared/ida/Team';
const PROJECTS = 'shared/ida/Projects';
const PUBLIC = 'Public/Announcements';
// Rights as a set; Dovecot adds the obsolete c and d (RFC 2086) where their letters are all there.
const sorted = (rights: string) => [...rights.replace(/[cd]/g, '')].sort().join('');

let ida: ImapFlow;
let jon: ImapFlow;
let idaCookie: string;
let jonCookie: string;

async function signIn(username: string): Promise<string> {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username, password: 'secret' } });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

async function folders(cookie: string): Promise<FolderDto[]> {
  const res = await call(foldersRoute.GET, '/api/folders', { cookie });
  expect(res.status).toBe(200);
  return (await res.json()).folders;
}

/**
 * jon's LIST, straight from the server, on a new connection: an open one sees a new share of a
 * user who already shared something with it only about 30 s later (Dovecot 2.3 caches the other
 * user's folder list per session).
 */
async function jonPaths(): Promise<string[]> {
  const client = await rawImap('jon');
  try {
    return (await client.list()).map((e) => e.path);
  } finally {
    await client.logout();
  }
}

async function firstId(cookie: string, folder: string): Promise<string> {
  const page: MessagePageDto = await (await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}`, { cookie })).json();
  expect(page.messages.length).toBeGreaterThan(0);
  return page.messages[0].id;
}

beforeAll(async () => {
  // Team shared with jon: see, mark read, star; Projects not shared.
  const out = await rawImapSession('ida', ['DELETEACL Projects jon', 'SETACL Team jon lrsw']);
  expect(out).toMatch(/^c0 OK/m);
  expect(out).toMatch(/^c1 OK/m);
  [ida, jon] = await Promise.all([rawImap('ida'), rawImap('jon')]);
  [idaCookie, jonCookie] = await Promise.all([signIn('ida'), signIn('jon')]);
});

afterAll(async () => {
  await Promise.all([ida?.logout(), jon?.logout()].map((p) => p?.catch(() => undefined)));
});

describe('the ACL command modules against Dovecot (server/imap/commands/)', () => {
  it('MYRIGHTS: jon has l r s w on Team, l r on the public folder, every right on his own Inbox', async () => {
    expect(sorted(await myRights(jon, TEAM))).toBe('lrsw');
    expect(await myRights(jon, PUBLIC)).toBe('lr');
    expect(await myRights(jon, 'INBOX')).toMatch(/^lrwstipekxa/);
  });

  it('GETACL: who has what on Team, ida (the owner) included', async () => {
    const entries = await getAcl(ida, 'Team');
    expect(entries.find((e) => e.identifier === 'jon')?.rights).toBe('lrws');
    expect(entries.find((e) => e.identifier === 'ida')?.rights).toMatch(/^lrwstipekxa/);
  });

  it('SETACL: Projects shared with jon appears in his LIST under shared/ida/, with those rights', async () => {
    expect(await jonPaths()).not.toContain(PROJECTS);
    await setAcl(ida, 'Projects', 'jon', 'lr');
    expect(await rawImapSession('ida', ['GETACL Projects'])).toMatch(/^\* ACL Projects .*\bjon lr\b/m);
    expect(await jonPaths()).toContain(PROJECTS);
    expect(await myRights(jon, PROJECTS)).toBe('lr');
  });

  it('DELETEACL: Projects is jon\'s no more', async () => {
    await deleteAcl(ida, 'Projects', 'jon');
    expect(await rawImapSession('ida', ['GETACL Projects'])).not.toMatch(/\bjon\b/);
    expect(await jonPaths()).not.toContain(PROJECTS);
  });

  it('GETACL without the administer right: NO [NOPERM], thrown', async () => {
    await expect(getAcl(jon, TEAM)).rejects.toMatchObject({ serverResponseCode: 'NOPERM' });
  });
});

describe('GET /api/folders – namespaces (RFC 2342) and rights', () => {
  it("jon's own folders first, then ida's Team under her name, then the public folder; the namespace roots left out", async () => {
    const list = await folders(jonCookie);
    const team = list.findIndex((f) => f.path === TEAM);
    const pub = list.findIndex((f) => f.path === PUBLIC);
    const status = await ida.status('Team', { messages: true });
    expect(list[team]).toMatchObject({ namespace: 'shared', owner: 'ida', name: 'Team', depth: 0, parentPath: null, role: null, selectable: true, total: status && status.messages });
    expect(sorted(list[team].rights)).toBe('lrsw');
    expect(list[pub]).toMatchObject({ namespace: 'public', owner: null, name: 'Announcements', rights: 'lr', total: 2 });
    expect(list.slice(0, team).every((f) => f.namespace === 'personal' && f.rights === 'lrswipkxtea')).toBe(true);
    expect(team).toBeLessThan(pub);
    expect(list.map((f) => f.path)).not.toContain('shared');
    expect(list.map((f) => f.path)).not.toContain('shared/ida');
    expect(list.map((f) => f.path)).not.toContain('Public');
  });
});

describe('rights enforced by Wren', () => {
  it('starring in the read-only public folder: 403 saying it is read-only, nothing set', async () => {
    const id = await firstId(jonCookie, PUBLIC);
    const res = await call(flagsRoute.POST, '/api/messages/flags', { method: 'POST', cookie: jonCookie, body: { ids: [id], flagged: true } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: '"Announcements" is read-only for you, so you cannot star messages.' } });
    const marking = await call(flagsRoute.POST, '/api/messages/flags', { method: 'POST', cookie: jonCookie, body: { ids: [id], seen: true } });
    expect(marking.status).toBe(403);
    // uidsWithSubject leaves the folder selected for hasFlag.
    const [uid] = await uidsWithSubject(jon, PUBLIC, 'Welcome');
    expect(await hasFlag(jon, uid, '\\Flagged')).toBe(false);
  });

  it('starring in Team (jon may): done on the server; deleting there (he may not): 403 naming ida, the message stays', async () => {
    const [uid] = await uidsWithSubject(jon, TEAM, 'Handover notes');
    const page: MessagePageDto = await (await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(TEAM)}`, { cookie: jonCookie })).json();
    const id = page.messages.find((m) => m.uid === uid)!.id;
    const star = await call(flagsRoute.POST, '/api/messages/flags', { method: 'POST', cookie: jonCookie, body: { ids: [id], flagged: true } });
    expect(star.status).toBe(200);
    const remove = await call(deleteRoute.POST, '/api/messages/delete', {
      method: 'POST',
      cookie: jonCookie,
      body: { selection: { folder: TEAM, uidValidity: page.sync.uidValidity, uids: String(uid) }, permanent: false },
    });
    expect(remove.status).toBe(403);
    expect(await remove.json()).toEqual({ error: { code: 'forbidden', message: 'ida shared "Team" with you without the right to delete messages.' } });
    const lock = await jon.getMailboxLock(TEAM);
    try {
      expect(await hasFlag(jon, uid, '\\Flagged')).toBe(true);
      await jon.messageFlagsRemove(String(uid), ['\\Flagged'], { uid: true });
    } finally {
      lock.release();
    }
    expect(await uidsWithSubject(ida, 'Team', 'Handover notes')).toEqual([uid]);
  });

  it('deleting the shared folder itself without the right: 403, the folder stays', async () => {
    const res = await call(foldersRoute.DELETE, `/api/folders?path=${encodeURIComponent(TEAM)}`, { method: 'DELETE', cookie: jonCookie });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe('ida shared "Team" with you without the right to delete this folder.');
    expect(await jonPaths()).toContain(TEAM);
  });
});

describe('/api/folders/acl – sharing a folder', () => {
  const acl = (cookie: string, method: 'PUT' | 'DELETE', body?: unknown, query = '', origin?: string) =>
    call(method === 'PUT' ? aclRoute.PUT : aclRoute.DELETE, `/api/folders/acl${query}`, { method, cookie, body, origin });

  it('PUT shares a folder with jon in plain words, GET lists him, DELETE takes it back; the server and jon\'s folder list agree each time', async () => {
    // A folder of this run's own: Dovecot's session caches a folder's rights and the other user's
    // folder list for about 30 s, and the tests above shared and unshared Projects.
    const name = `Plans ${randomBytes(3).toString('hex')}`;
    const path = `shared/ida/${name}`;
    await ida.mailboxCreate(name);
    try {
      // jon's Wren session lists ida's folders now, as a browser open before the share would.
      expect((await folders(jonCookie)).map((f) => f.path)).not.toContain(path);
      const put = await acl(idaCookie, 'PUT', { path: name, identifier: 'jon', rights: ['see', 'flag', 'delete'] });
      expect(put.status).toBe(200);
      const shared: FolderAclDto = await put.json();
      expect(shared.entries.map((e) => [e.identifier, keysOf(e.rights)])).toEqual([['jon', ['see', 'flag', 'delete']]]);
      expect(sorted(await myRights(jon, path))).toBe(sorted('lrwxte'));
      const got = await call(aclRoute.GET, `/api/folders/acl?path=${encodeURIComponent(name)}`, { cookie: idaCookie });
      expect(await got.json()).toEqual(shared);
      // Dovecot's LIST in jon's open IMAP session has it only about 30 s later; Wren's list at once.
      expect((await folders(jonCookie)).find((f) => f.path === path)).toMatchObject({ namespace: 'shared', owner: 'ida', name, total: 0 });

      const removed = await acl(idaCookie, 'DELETE', undefined, `?path=${encodeURIComponent(name)}&identifier=jon`);
      expect(removed.status).toBe(200);
      expect(await removed.json()).toEqual({ path: name, entries: [] });
      expect(await jonPaths()).not.toContain(path);
      expect((await folders(jonCookie)).map((f) => f.path)).not.toContain(path);
    } finally {
      await ida.mailboxDelete(name);
    }
  });

  it('refuses another origin, "anyone", oneself, rights without "see", and jon managing ida\'s folder', async () => {
    expect((await acl(idaCookie, 'PUT', { path: 'Projects', identifier: 'jon', rights: ['see'] }, '', 'http://evil.test')).status).toBe(403);
    for (const [identifier, rights] of [['anyone', ['see']], ['ida', ['see']], ['jon', ['flag']], ['-jon', ['see']]] as const) {
      const res = await acl(idaCookie, 'PUT', { path: 'Projects', identifier, rights });
      expect([identifier, res.status]).toEqual([identifier, 400]);
      expect((await res.json()).error.code).toBe('invalid_input');
    }
    const manage = await call(aclRoute.GET, `/api/folders/acl?path=${encodeURIComponent(TEAM)}`, { cookie: jonCookie });
    expect(manage.status).toBe(403);
    expect((await manage.json()).error.message).toBe(`You may not manage sharing of "${TEAM}"`);
    expect(await rawImapSession('ida', ['GETACL Projects'])).not.toMatch(/\b(anyone|jon)\b/);
  });
});

describe('search and live updates in shared folders', () => {
  it('GET /api/search leaves shared and public folders out unless shared=1', async () => {
    const own = await readNdjson<SearchEventDto>(await call(searchRoute.GET, '/api/search?q=rota', { cookie: jonCookie }));
    expect(own.filter((e) => e.type === 'folder').map((e) => e.type === 'folder' && e.folder)).toEqual([]);
    const everywhere = await readNdjson<SearchEventDto>(await call(searchRoute.GET, '/api/search?q=rota&shared=1', { cookie: jonCookie }));
    const found = everywhere.flatMap((e) => (e.type === 'folder' ? e.messages.map((m) => `${m.folder}: ${m.subject}`) : []));
    expect(found).toEqual([`${TEAM}: Support rota for March`]);
  });

  it('a tab on Team and a newer one on INBOX: Team hears ida\'s new message (Dovecot\'s NOTIFY leaves other users\' folders out)', async () => {
    const cookie = await signIn('jon');
    const team = await openEventStream(cookie, TEAM);
    const inbox = await openEventStream(cookie, 'INBOX');
    try {
      const since = Date.now();
      await ida.append('Team', `From: Ida <ida@example.com>\r\nSubject: Live ${since}\r\n\r\nNew\r\n`);
      await team.waitFor((e) => (e.type === 'exists' || e.type === 'changed') && e.folder === TEAM, 6000, since);
    } finally {
      team.close();
      inbox.close();
    }
  });
});
