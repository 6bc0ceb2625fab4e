import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow, ListResponse } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as subscriptionRoute from '@/app/api/folders/subscription/route';
import type { FolderDto } from '@/lib/types';
import { rawImap } from '../support/dovecot';
import { call, cookieFrom, type CallOptions } from './call';

// alice's folders are counted by other files: everything made here starts with a unique prefix
// and is deleted again in afterAll.
const P = `FA ${randomUUID().slice(0, 8)}`;
const ROLE_FOLDERS: Array<[string, string]> = [
  ['INBOX', 'Inbox'],
  ['Drafts', 'Drafts'],
  ['Sent Messages', 'Sent'],
  ['Archives', 'Archive'],
  ['Spam', 'Junk'],
  ['Deleted Items', 'Trash'],
];

let cookie: string;
let raw: ImapFlow;

type NoParams = Record<string, never>;
type Handler = (req: Request, ctx: { params: Promise<NoParams> }) => Promise<Response>;
const send = (handler: Handler, path: string, opts: CallOptions<NoParams> = {}) => call(handler, path, { cookie, ...opts });
const create = (parent: string | null, name: string) => send(foldersRoute.POST, '/api/folders', { method: 'POST', body: { parent, name } });
const rename = (path: string, name: string) => send(foldersRoute.PATCH, '/api/folders', { method: 'PATCH', body: { path, name } });
const remove = (path: string) => send(foldersRoute.DELETE, `/api/folders?path=${encodeURIComponent(path)}`, { method: 'DELETE' });
const subscribe = (path: string, subscribed: boolean) =>
  send(subscriptionRoute.POST, '/api/folders/subscription', { method: 'POST', body: { path, subscribed } });

async function listed(all = false): Promise<FolderDto[]> {
  const res = await send(foldersRoute.GET, all ? '/api/folders?all=1' : '/api/folders');
  expect(res.status).toBe(200);
  return (await res.json()).folders;
}

/** The server's folders now, by path, from the raw client (which leaves `subscribed` unset for "no"). */
async function onServer(): Promise<Map<string, ListResponse>> {
  return new Map((await raw.list()).map((e) => [e.path, { ...e, subscribed: e.subscribed === true }]));
}

// imapflow's list() drops subscriptions of folders that no longer exist, so ghosts left behind
// by RENAME or DELETE are read from Dovecot's own subscriptions file (one tab-separated path a line).
function subscriptionsOnDisk(): string[] {
  const file = join(process.env.DOVECOT_DIR!, 'home/alice/Maildir/subscriptions');
  return readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split('\t').join('/'));
}

async function errorOf(res: Response): Promise<[number, string, string]> {
  const body = await res.json();
  return [res.status, body.error?.code, body.error?.message];
}

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } }));
  raw = await rawImap('alice');
});

afterAll(async () => {
  // Deepest first: a parent with subfolders would only lose its messages.
  const mine = [...(await onServer()).keys()].filter((p) => p.startsWith(P)).sort((a, b) => b.length - a.length);
  for (const path of mine) {
    await raw.mailboxDelete(path);
    await raw.mailboxUnsubscribe(path);
  }
  for (const path of subscriptionsOnDisk().filter((p) => p.startsWith(P))) await raw.mailboxUnsubscribe(path);
  await raw.logout();
});

describe('POST /api/folders', () => {
  it('top level -> 201, created and subscribed on the server, listed by GET', async () => {
    const res = await create(null, P);
    expect(res.status).toBe(201);
    const { folder } = await res.json();
    expect(folder).toEqual({
      path: P,
      name: P,
      delimiter: '/',
      depth: 0,
      parentPath: null,
      role: null,
      selectable: true,
      total: 0,
      unread: 0,
      subscribed: true,
      namespace: 'personal',
      owner: null,
      rights: 'lrswipkxtea',
    });
    expect((await onServer()).get(P)).toMatchObject({ subscribed: true, listed: true });
    expect((await listed()).find((f) => f.path === P)).toEqual(folder);
  });

  it('nested under a parent, with spaces and non-ASCII -> the child sits under it on the server and in the tree', async () => {
    const res = await create(P, '  Über Ordner ✓ ');
    expect(res.status).toBe(201);
    const { folder } = await res.json();
    expect(folder).toMatchObject({ path: `${P}/Über Ordner ✓`, name: 'Über Ordner ✓', depth: 1, parentPath: P, subscribed: true });
    const tree = await raw.listTree();
    const parent = tree.folders?.find((f) => f.path === P);
    expect(parent?.folders?.map((f) => [f.name, f.subscribed])).toContainEqual(['Über Ordner ✓', true]);
    const folders = await listed();
    const at = folders.findIndex((f) => f.path === P);
    expect(folders[at + 1]).toMatchObject({ path: `${P}/Über Ordner ✓`, depth: 1 });
  });

  it('a name that is taken -> 409, at the top level and inside a parent; INBOX in any case', async () => {
    expect(await errorOf(await create(null, P))).toEqual([409, 'conflict', `A folder named "${P}" already exists`]);
    expect(await errorOf(await create(P, 'Über Ordner ✓'))).toEqual([409, 'conflict', 'A folder named "Über Ordner ✓" already exists']);
    expect(await errorOf(await create(null, 'inbox'))).toEqual([409, 'conflict', 'A folder named "inbox" already exists']);
  });

  it('unknown parent -> 404, nothing created', async () => {
    expect(await errorOf(await create(`${P} missing`, 'Child'))).toEqual([404, 'not_found', 'Parent folder does not exist']);
    expect([...(await onServer()).keys()].filter((p) => p.startsWith(`${P} missing`))).toEqual([]);
  });

  it('invalid names -> 400 invalid_input saying why, nothing created', async () => {
    const before = [...(await onServer()).keys()];
    const cases: Array<[string, RegExp]> = [
      ['', /^Folder name is required$/],
      ['   ', /^Folder name is required$/],
      ['a/b', /^Folder name cannot contain "\/": choose a parent folder/],
      ['x'.repeat(201), /^Folder name must be at most 200 characters$/],
      ['a\r\nb', /^Folder name cannot contain line breaks or NUL characters$/],
      ['a\0b', /^Folder name cannot contain line breaks or NUL characters$/],
      ['a*b', /^Folder name cannot contain \* or %$/],
      ['50%', /^Folder name cannot contain \* or %$/],
      // A rule of the server's own: its reason is passed on, its timing is not.
      ['..', /^name: The mail server refused "\.\.": Invalid mailbox name: Contains '\.\.' part$/],
    ];
    for (const [name, message] of cases) {
      const [status, code, text] = await errorOf(await create(P, name));
      expect([name, status, code]).toEqual([name, 400, 'invalid_input']);
      expect(text).toMatch(message);
    }
    expect(await errorOf(await send(foldersRoute.POST, '/api/folders', { method: 'POST', body: { parent: P } }))).toEqual([
      400,
      'invalid_input',
      'name: Invalid input: expected string, received undefined',
    ]);
    expect([...(await onServer()).keys()]).toEqual(before);
  });
});

describe('PATCH /api/folders', () => {
  it('renames the last segment: messages, subfolders and subscriptions move with it, no ghosts left', async () => {
    expect((await create(P, 'Old')).status).toBe(201);
    expect((await create(`${P}/Old`, 'Kid')).status).toBe(201);
    await raw.append(`${P}/Old`, 'Subject: kept\r\n\r\nbody\r\n');

    const res = await rename(`${P}/Old`, 'New');
    expect(res.status).toBe(200);
    expect((await res.json()).folder).toMatchObject({ path: `${P}/New`, name: 'New', parentPath: P, total: 1, subscribed: true });

    const server = await onServer();
    expect(server.has(`${P}/Old`)).toBe(false);
    expect(server.get(`${P}/New`)).toMatchObject({ subscribed: true });
    expect(server.get(`${P}/New/Kid`)).toMatchObject({ subscribed: true });
    expect(subscriptionsOnDisk().filter((p) => p.startsWith(`${P}/Old`))).toEqual([]);
    expect((await listed()).map((f) => f.path)).toEqual(expect.arrayContaining([`${P}/New`, `${P}/New/Kid`]));
  });

  it('to the name of a sibling -> 409; to its own name -> unchanged', async () => {
    expect(await errorOf(await rename(`${P}/New`, 'Über Ordner ✓'))).toEqual([409, 'conflict', 'A folder named "Über Ordner ✓" already exists']);
    const same = await rename(`${P}/New`, 'New');
    expect(same.status).toBe(200);
    expect((await same.json()).folder.path).toBe(`${P}/New`);
  });

  it('invalid new name -> 400; unknown folder -> 404', async () => {
    expect((await errorOf(await rename(`${P}/New`, 'a/b')))[0]).toBe(400);
    expect((await errorOf(await rename(`${P}/New`, ' ')))[0]).toBe(400);
    expect(await errorOf(await rename(`${P}/Nope`, 'X'))).toEqual([404, 'not_found', 'Folder does not exist']);
  });

  it('INBOX and special-use folders -> 403, left as they were', async () => {
    for (const [path, role] of ROLE_FOLDERS) {
      expect(await errorOf(await rename(path, `${P} stolen`))).toEqual([403, 'forbidden', `${role} cannot be renamed`]);
    }
    expect(await errorOf(await rename('inbox', `${P} stolen`))).toEqual([403, 'forbidden', 'Inbox cannot be renamed']);
    const server = await onServer();
    for (const [path] of ROLE_FOLDERS) expect(server.has(path)).toBe(true);
    expect([...server.keys()].some((p) => p.startsWith(`${P} stolen`))).toBe(false);
  });
});

describe('DELETE /api/folders', () => {
  it('deletes the folder and answers how many messages went with it, as GET counted them', async () => {
    expect((await create(P, 'Doomed')).status).toBe(201);
    for (const subject of ['one', 'two']) await raw.append(`${P}/Doomed`, `Subject: ${subject}\r\n\r\nbody\r\n`);
    expect((await listed(true)).find((f) => f.path === `${P}/Doomed`)?.total).toBe(2);

    const res = await remove(`${P}/Doomed`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: `${P}/Doomed`, messages: 2 });
    expect((await onServer()).has(`${P}/Doomed`)).toBe(false);
    expect(subscriptionsOnDisk()).not.toContain(`${P}/Doomed`);
    expect((await listed(true)).some((f) => f.path === `${P}/Doomed`)).toBe(false);
  });

  it('a folder with subfolders -> 409, nothing deleted', async () => {
    expect(await errorOf(await remove(`${P}/New`))).toEqual([409, 'conflict', '"New" has subfolders: delete them first']);
    expect((await onServer()).get(`${P}/New`)?.status).toBeUndefined();
    expect(await raw.status(`${P}/New`, { messages: true })).toMatchObject({ messages: 1 });
  });

  it('INBOX and special-use folders -> 403; unknown -> 404; a path with CR/LF -> 400', async () => {
    for (const [path, role] of ROLE_FOLDERS) {
      expect(await errorOf(await remove(path))).toEqual([403, 'forbidden', `${role} cannot be deleted`]);
    }
    const server = await onServer();
    for (const [path] of ROLE_FOLDERS) expect(server.has(path)).toBe(true);
    expect(await errorOf(await remove(`${P}/Nope`))).toEqual([404, 'not_found', 'Folder does not exist']);
    expect((await errorOf(await remove('Work\r\nA1 LOGOUT')))[0]).toBe(400);
    expect((await errorOf(await send(foldersRoute.DELETE, '/api/folders', { method: 'DELETE' })))[0]).toBe(400);
  });
});

describe('POST /api/folders/subscription and GET /api/folders?all=1', () => {
  it('unsubscribe and subscribe round trip, checked on the server and in both listings', async () => {
    const path = `${P}/New/Kid`;
    const off = await subscribe(path, false);
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ path, subscribed: false });
    expect((await onServer()).get(path)?.subscribed).toBe(false);
    expect((await listed()).some((f) => f.path === path)).toBe(false);
    expect((await listed(true)).find((f) => f.path === path)).toMatchObject({ subscribed: false });

    expect(await (await subscribe(path, true)).json()).toEqual({ path, subscribed: true });
    expect((await onServer()).get(path)?.subscribed).toBe(true);
    expect((await listed()).find((f) => f.path === path)).toMatchObject({ subscribed: true });
  });

  it('an unsubscribed parent of a subscribed folder stays in the default tree, marked unsubscribed', async () => {
    expect((await subscribe(P, false)).status).toBe(200);
    expect((await subscribe(`${P}/New`, false)).status).toBe(200);
    const folders = await listed();
    const at = folders.findIndex((f) => f.path === P);
    expect(folders.slice(at, at + 3).map((f) => [f.path, f.depth, f.subscribed])).toEqual([
      [P, 0, false],
      [`${P}/New`, 1, false],
      [`${P}/New/Kid`, 2, true],
    ]);
    await subscribe(P, true);
    await subscribe(`${P}/New`, true);
  });

  it('?all=1 lists every folder on the server with its subscription; the default only the subscribed', async () => {
    expect((await subscribe(`${P}/Über Ordner ✓`, false)).status).toBe(200);
    const server = await onServer();
    const all = await listed(true);
    // The user's own folders: the public ones (Public/Announcements) are always shown, without
    // the node that only holds their namespace (e2e/api/shared-folders.test.ts).
    const own = [...server.values()].filter((e) => !/^(Public|shared)(\/|$)/.test(e.path));
    expect(all.filter((f) => f.namespace === 'personal').map((f) => [f.path, f.subscribed]).sort()).toEqual(own.map((e) => [e.path, e.subscribed]).sort());
    const shown = (await listed()).map((f) => f.path);
    expect(shown).not.toContain(`${P}/Über Ordner ✓`);
    expect(shown).toEqual(all.filter((f) => f.path !== `${P}/Über Ordner ✓`).map((f) => f.path));
  });

  it('unsubscribing INBOX or a special-use folder -> 403; unknown -> 404; not a boolean -> 400', async () => {
    for (const [path, role] of ROLE_FOLDERS) {
      expect(await errorOf(await subscribe(path, false))).toEqual([403, 'forbidden', `${role} is always shown and cannot be unsubscribed`]);
    }
    expect(await (await subscribe('Spam', true)).json()).toEqual({ path: 'Spam', subscribed: true });
    expect(await errorOf(await subscribe(`${P}/Nope`, true))).toEqual([404, 'not_found', 'Folder does not exist']);
    const bad = await send(subscriptionRoute.POST, '/api/folders/subscription', { method: 'POST', body: { path: P, subscribed: 'no' } });
    expect((await errorOf(bad)).slice(0, 2)).toEqual([400, 'invalid_input']);
  });
});

describe('folder changes need the page origin', () => {
  it('without Origin or from another origin -> 403, the server unchanged', async () => {
    const before = [...(await onServer()).entries()].map(([p, e]) => [p, e.subscribed]);
    for (const origin of [null, 'https://evil.example']) {
      const requests = [
        send(foldersRoute.POST, '/api/folders', { method: 'POST', origin, body: { parent: null, name: `${P} csrf` } }),
        send(foldersRoute.PATCH, '/api/folders', { method: 'PATCH', origin, body: { path: `${P}/New`, name: 'Hijacked' } }),
        send(foldersRoute.DELETE, `/api/folders?path=${encodeURIComponent(`${P}/New/Kid`)}`, { method: 'DELETE', origin }),
        send(subscriptionRoute.POST, '/api/folders/subscription', { method: 'POST', origin, body: { path: `${P}/New/Kid`, subscribed: false } }),
      ];
      for (const res of await Promise.all(requests)) {
        expect(await errorOf(res)).toEqual([403, 'forbidden', 'Cross-origin request refused']);
      }
    }
    expect([...(await onServer()).entries()].map(([p, e]) => [p, e.subscribed])).toEqual(before);
  });

  it('without a session -> 401', async () => {
    const res = await call(foldersRoute.POST, '/api/folders', { method: 'POST', body: { parent: null, name: `${P} anon` } });
    expect(res.status).toBe(401);
  });
});
