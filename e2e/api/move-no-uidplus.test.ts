import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import * as moveRoute from '@/app/api/messages/move/route';
import * as messagesRoute from '@/app/api/messages/route';
import type { MessagePageDto } from '@/lib/types';
import { call } from './call';
import * as deleteRoute from '@/app/api/messages/delete/route';
import * as emptyRoute from '@/app/api/folders/empty/route';
import * as resultsActionRoute from '@/app/api/search/results/action/route';
import {
  ANY_MOVE, UID_COPY, appendMessages, contents, countCommands, idsIn, post, scratchAccount, setOrganizeServer,
} from './move-fixtures';

// A server with neither MOVE nor UIDPLUS: there is no UID EXPUNGE, and a plain EXPUNGE would
// also remove what other clients flagged \Deleted. So originals are left flagged \Deleted.
setOrganizeServer('NOUIDPLUS');

const ANY_EXPUNGE = /^\S+ (UID )?EXPUNGE/;

describe('organize, server without MOVE and UIDPLUS', () => {
  let cookie = '';
  let client: ImapFlow;
  const made = scratchAccount((c, k) => {
    client = c;
    cookie = k;
  });

  it('POST /api/messages/move – copied; the originals stay, flagged \\Deleted; no EXPUNGE at all', async () => {
    const src = await made(3);
    const dest = await made(0);
    const before = { copy: countCommands(UID_COPY), expunge: countCommands(ANY_EXPUNGE) };
    const res = await post(moveRoute.POST, '/api/messages/move', { selection: src.selection([0, 1]), destination: dest.path }, { cookie });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(await idsIn(client, dest.path)).toEqual(src.ids.slice(0, 2));
    const left = await contents(client, src.path);
    expect(left.map((m) => [m.id, m.flags.includes('\\Deleted')])).toEqual([
      [src.ids[0], true],
      [src.ids[1], true],
      [src.ids[2], false],
    ]);
    expect(countCommands(UID_COPY) - before.copy).toBe(1);
    expect(countCommands(ANY_EXPUNGE)).toBe(before.expunge);
    expect(countCommands(ANY_MOVE)).toBe(0);

    // The list hides the \Deleted originals: the user sees the move done.
    const listed = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(src.path)}`, { cookie });
    const page: MessagePageDto = await listed.json();
    expect(page.total).toBe(1);
    expect(page.messages).toHaveLength(1);
  });

  it('POST /api/messages/delete permanent:true – flagged \\Deleted, nothing else touched', async () => {
    const src = await made(2);
    const expunges = countCommands(ANY_EXPUNGE);
    const res = await post(deleteRoute.POST, '/api/messages/delete', { selection: src.selection([0]), permanent: true }, { cookie });
    expect(res.body).toEqual({ count: 1, undo: null, permanent: true });
    expect((await contents(client, src.path)).map((m) => m.flags.includes('\\Deleted'))).toEqual([true, false]);
    expect(countCommands(ANY_EXPUNGE)).toBe(expunges);
  });

  it('POST /api/folders/empty – emptying Trash may EXPUNGE the whole folder: it is all going', async () => {
    await appendMessages(client, 'Deleted Items', 2);
    const res = await post(emptyRoute.POST, '/api/folders/empty', { folder: 'Deleted Items' }, { cookie });
    expect(res.status).toBe(200);
    expect(res.body.count).toBeGreaterThanOrEqual(2);
    expect(await idsIn(client, 'Deleted Items')).toEqual([]);
  });

  it('select all results of a search: all 60 are moved (copied, originals flagged \\Deleted and gone from the results)', async () => {
    const src = await made(60);
    const dest = await made(0);
    const page: MessagePageDto = await (
      await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(src.path)}&q=organize&offset=0&limit=50`, { cookie })
    ).json();
    expect(page.total).toBe(60);
    expect(page.messages).toHaveLength(50);
    const res = await post(resultsActionRoute.POST, '/api/search/results/action', { resultSet: page.resultSet, count: 60, action: { type: 'move', destination: dest.path } }, { cookie });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 60, permanent: false, failed: [] });
    // This Dovecot hides UIDPLUS but still answers COPYUID: the undo is whatever the server named.
    for (const step of res.body.undo) expect(step).toMatchObject({ backTo: src.path, undo: { folder: dest.path } });
    expect((await idsIn(client, dest.path)).sort()).toEqual([...src.ids].sort());
    const left: MessagePageDto = await (await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(src.path)}&q=organize`, { cookie })).json();
    expect(left.total).toBe(0);
  });
});
