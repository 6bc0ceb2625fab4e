import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as messagesRoute from '@/app/api/messages/route';
import * as moveRoute from '@/app/api/messages/move/route';
import * as searchRoute from '@/app/api/search/route';
import * as actionRoute from '@/app/api/search/results/action/route';
import type { MessagePageDto, SearchEventDto } from '@/lib/types';
import { call, readNdjson } from './call';
import { contents, post, rawImap, setOrganizeServer, signIn, USER } from './move-fixtures';

// "Select all N results" of a search acts on the search's whole result set, pinned on the
// server, not on the rows the browser loaded. Runs on the organize Dovecot with MOVE (user
// mover, \Archive folder "Archives") in folders of its own, deleted afterwards.
setOrganizeServer('MOVE');

const ARCHIVE = 'Archives';

let cookie = '';
let other = '';
let client: ImapFlow;
const folders: string[] = [];

beforeAll(async () => {
  cookie = await signIn();
  other = await signIn();
  client = await rawImap(USER);
});

afterAll(async () => {
  for (const path of folders) await client.mailboxDelete(path).catch(() => undefined);
  await client.logout();
});

/** A new folder holding `matching` messages whose subject has `word`, and `others` without it. */
async function folderWith(word: string, matching: number, others = 0): Promise<string> {
  const path = `S-${randomUUID().slice(0, 8)}`;
  await client.mailboxCreate(path);
  folders.push(path);
  await appendTo(path, word, matching);
  for (let i = 0; i < others; i++) await client.append(path, mail(`Unrelated ${i + 1}`));
  return path;
}

async function appendTo(path: string, word: string, count: number) {
  for (let i = 0; i < count; i++) await client.append(path, mail(`${word} number ${i + 1}`));
}

function mail(subject: string): string {
  return `From: News <news@letter.test>\r\nTo: ${USER}@organize.test\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@letter.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\n${subject}\r\n`;
}

/** Subjects in `path` as the server says now. */
const subjectsIn = async (path: string) => {
  const lock = await client.getMailboxLock(path);
  try {
    await client.noop();
    if (!client.mailbox || !client.mailbox.exists) return [];
    return (await client.fetchAll('1:*', { envelope: true })).map((m) => m.envelope?.subject ?? '');
  } finally {
    lock.release();
  }
};
const countWith = async (path: string, word: string) => (await subjectsIn(path)).filter((s) => s.includes(word)).length;

const searchFolder = async (folder: string, q: string, cookieOf = cookie): Promise<MessagePageDto> => {
  const res = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&q=${encodeURIComponent(q)}&offset=0&limit=50`, { cookie: cookieOf });
  expect(res.status).toBe(200);
  return res.json();
};
const searchAll = async (q: string) => readNdjson<SearchEventDto>(await call(searchRoute.GET, `/api/search?q=${encodeURIComponent(q)}`, { cookie }));

const actOnAll = (body: unknown, opts: { cookie?: string; origin?: null } = {}) =>
  post(actionRoute.POST, '/api/search/results/action', body, { cookie, ...opts });

/** Undo as the browser does it: every per-folder undo selection moved back where it came from. */
async function undoAll(undo: Array<{ undo: unknown; backTo: string }>) {
  let count = 0;
  for (const step of undo) {
    const back = await post(moveRoute.POST, '/api/messages/move', { selection: step.undo, destination: step.backTo }, { cookie });
    expect(back.status).toBe(200);
    count += back.body.count;
  }
  return count;
}

describe('POST /api/search/results/action – select all results of a search', () => {
  it('a folder search of 230 results, only its first window listed: archiving "all results" moves all 230 and nothing else; undo brings all 230 back', async () => {
    const word = `newsletter${Date.now()}`;
    const folder = await folderWith(word, 230, 20);
    const page = await searchFolder(folder, `subject:${word}`);
    expect(page.total).toBe(230);
    expect(page.messages).toHaveLength(50);
    expect(page.resultSet).toEqual(expect.any(String));

    const archivedBefore = (await subjectsIn(ARCHIVE)).length;
    const res = await actOnAll({ resultSet: page.resultSet, count: 230, action: { type: 'archive' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 230, permanent: false, failed: [] });
    expect(res.body.undo).toHaveLength(1);
    expect(res.body.undo[0].backTo).toBe(folder);
    expect(await countWith(folder, word)).toBe(0);
    expect((await subjectsIn(folder)).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Unrelated ${i + 1}`).sort());
    expect(await countWith(ARCHIVE, word)).toBe(230);
    expect((await subjectsIn(ARCHIVE)).length).toBe(archivedBefore + 230);

    expect(await undoAll(res.body.undo)).toBe(230);
    expect(await countWith(folder, word)).toBe(230);
    expect(await countWith(ARCHIVE, word)).toBe(0);
    expect((await subjectsIn(folder)).length).toBe(250);

    // Searching again finds them under their new UIDs: the same count, never the old set.
    const again = await searchFolder(folder, `subject:${word}`);
    expect(again.total).toBe(230);
    expect(again.messages).toHaveLength(50);
    expect(again.resultSet).not.toBe(page.resultSet);
  });

  it('the set is pinned as shown: a matching message that arrives after the search is left alone', async () => {
    const word = `pinned${Date.now()}`;
    const folder = await folderWith(word, 60);
    const page = await searchFolder(folder, word);
    expect(page.total).toBe(60);
    await client.append(folder, mail(`${word} latecomer`));
    const res = await actOnAll({ resultSet: page.resultSet, count: 60, action: { type: 'flags', seen: true } });
    expect(res.body).toMatchObject({ count: 60, failed: [] });
    const seen = (await contents(client, folder)).filter((m) => m.flags.includes('\\Seen'));
    expect(seen).toHaveLength(60);
    expect(await subjectsIn(folder)).toContain(`${word} latecomer`);
    const unseen = await client.search({ seen: false }, { uid: true });
    expect(unseen).toHaveLength(1);
  });

  it('an all-folder search spanning two folders (130 + 100): archiving all results moves all 230 from both; undo brings each back to its folder', async () => {
    const word = `digest${Date.now()}`;
    const first = await folderWith(word, 130, 3);
    const second = await folderWith(word, 100, 2);
    const events = await searchAll(`subject:${word}`);
    const found = events.filter((e): e is Extract<SearchEventDto, { type: 'folder' }> => e.type === 'folder');
    expect(found.map((e) => [e.folder, e.matches]).sort()).toEqual([[first, 130], [second, 100]].sort());
    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'done', resultSet: expect.any(String) });
    const resultSet = (done as Extract<SearchEventDto, { type: 'done' }>).resultSet;

    const res = await actOnAll({ resultSet, count: 230, action: { type: 'archive' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 230, failed: [] });
    expect(res.body.undo.map((u: { backTo: string }) => u.backTo).sort()).toEqual([first, second].sort());
    expect(await countWith(first, word)).toBe(0);
    expect(await countWith(second, word)).toBe(0);
    expect((await subjectsIn(first)).length).toBe(3);
    expect((await subjectsIn(second)).length).toBe(2);
    expect(await countWith(ARCHIVE, word)).toBe(230);

    expect(await undoAll(res.body.undo)).toBe(230);
    expect(await countWith(first, word)).toBe(130);
    expect(await countWith(second, word)).toBe(100);
    expect(await countWith(ARCHIVE, word)).toBe(0);
  });

  it('an all-folder search sends at most 500 rows per folder, yet all results means all 520 matches', async () => {
    const word = `overflow${Date.now()}`;
    const folder = await folderWith(word, 520);
    const events = await searchAll(word);
    const event = events.find((e) => e.type === 'folder' && e.folder === folder) as Extract<SearchEventDto, { type: 'folder' }>;
    expect(event.messages).toHaveLength(500);
    expect(event.matches).toBe(520);
    const { resultSet } = events.at(-1) as Extract<SearchEventDto, { type: 'done' }>;
    const dest = await folderWith('nothing', 0);
    const res = await actOnAll({ resultSet, count: 520, action: { type: 'move', destination: dest } });
    expect(res.body).toMatchObject({ count: 520, failed: [] });
    expect(await countWith(dest, word)).toBe(520);
    expect(await countWith(folder, word)).toBe(0);
  });

  it('refused, nothing done: another count than the set holds, an unknown token, another session’s token, a recreated folder (409); another origin (403); malformed input (400)', async () => {
    const word = `refused${Date.now()}`;
    const folder = await folderWith(word, 3);
    const page = await searchFolder(folder, word);
    const archive = { type: 'archive' };

    const wrongCount = await actOnAll({ resultSet: page.resultSet, count: 4, action: archive });
    expect(wrongCount.status).toBe(409);
    expect(wrongCount.body.error).toEqual({ code: 'results_changed', message: 'The search results changed: search again' });
    expect((await actOnAll({ resultSet: 'A'.repeat(24), count: 3, action: archive })).status).toBe(409);
    expect((await actOnAll({ resultSet: page.resultSet, count: 3, action: archive }, { cookie: other })).status).toBe(409);
    expect((await actOnAll({ resultSet: page.resultSet, count: 3, action: archive }, { origin: null })).status).toBe(403);
    expect((await actOnAll({ resultSet: 'x', count: 3, action: archive })).status).toBe(400);
    expect((await actOnAll({ resultSet: page.resultSet, count: 3, action: { type: 'explode' } })).status).toBe(400);
    expect(await countWith(folder, word)).toBe(3);

    // The folder deleted and made again with other messages under the same UIDs.
    await client.mailboxDelete(folder);
    await client.mailboxCreate(folder);
    await appendTo(folder, word, 3);
    const stale = await actOnAll({ resultSet: page.resultSet, count: 3, action: archive });
    expect(stale.status).toBe(409);
    expect(await countWith(folder, word)).toBe(3);
    expect(await countWith(ARCHIVE, word)).toBe(0);
  });
});
