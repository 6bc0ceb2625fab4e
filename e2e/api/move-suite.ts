import type { ImapFlow } from 'imapflow';
import { expect, it } from 'vitest';
import * as moveRoute from '@/app/api/messages/move/route';
import * as copyRoute from '@/app/api/messages/copy/route';
import * as messagesRoute from '@/app/api/messages/route';
import { toUidSet } from '@/lib/selection';
import type { MessagePageDto } from '@/lib/types';
import { call } from './call';
import {
  ANY_MOVE, UID_COPY, UID_EXPUNGE, UID_MOVE, UID_STORE_DELETED, contents, countCommands, countIn, idsIn, post, scratchAccount, signIn, uidValidityOf,
} from './move-fixtures';

/**
 * POST /api/messages/move and /copy against a real Dovecot, with MOVE or without it (then
 * Wren copies and removes exactly the copied originals). The same cases run against both.
 */
export function describeMoveSuite(server: { move: boolean }) {
  let cookie = '';
  let client: ImapFlow;
  const made = scratchAccount((c, k) => {
    client = c;
    cookie = k;
  });
  const move = (body: unknown, opts: { cookie?: string; origin?: null } = {}) =>
    post(moveRoute.POST, '/api/messages/move', body, { cookie, ...opts });

  it('POST /api/messages/move – the messages are in the destination with their flags, gone from the source', async () => {
    const src = await made(3, [['\\Seen', '\\Flagged']]);
    const dest = await made(0);
    const before = { move: countCommands(UID_MOVE), copy: countCommands(UID_COPY), expunge: countCommands(UID_EXPUNGE) };

    const res = await move({ selection: src.selection([0, 1]), destination: dest.path });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    const there = await contents(client, dest.path);
    expect(there.map((m) => m.id)).toEqual(src.ids.slice(0, 2));
    expect(there[0].flags).toEqual(['\\Flagged', '\\Seen']);
    expect(there.flatMap((m) => m.flags)).not.toContain('\\Deleted');
    expect(await idsIn(client, src.path)).toEqual([src.ids[2]]);
    expect(res.body.undo).toEqual({ folder: dest.path, uidValidity: await uidValidityOf(client, dest.path), uids: toUidSet(there.map((m) => m.uid)) });

    if (server.move) {
      expect(countCommands(UID_MOVE) - before.move).toBe(1);
      expect(countCommands(UID_COPY) - before.copy).toBe(0);
    } else {
      // The fallback: UID COPY, then \Deleted and UID EXPUNGE of exactly the copied UIDs.
      expect(countCommands(UID_COPY) - before.copy).toBe(1);
      expect(countCommands(UID_EXPUNGE) - before.expunge).toBe(1);
      expect(countCommands(ANY_MOVE)).toBe(0);
    }
  });

  it('undo (moving `undo` back to the source) restores exactly the moved messages', async () => {
    const src = await made(3);
    const dest = await made(1);
    const moved = await move({ selection: src.selection([0, 2]), destination: dest.path });
    expect(moved.body.count).toBe(2);

    const back = await move({ selection: moved.body.undo, destination: src.path });
    expect(back.status).toBe(200);
    expect(back.body.count).toBe(2);
    expect((await idsIn(client, src.path)).sort()).toEqual([...src.ids].sort());
    expect(await idsIn(client, dest.path)).toEqual(dest.ids);
    expect(back.body.undo.folder).toBe(src.path);
  });

  it('POST /api/messages/copy – both folders hold the messages; `copied` names the copies', async () => {
    const src = await made(2);
    const dest = await made(0);
    const expunges = countCommands(UID_EXPUNGE);
    const res = await post(copyRoute.POST, '/api/messages/copy', { selection: src.selection(), destination: dest.path }, { cookie });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(await idsIn(client, src.path)).toEqual(src.ids);
    const there = await contents(client, dest.path);
    expect(there.map((m) => m.id)).toEqual(src.ids);
    expect(res.body.copied).toEqual({ folder: dest.path, uidValidity: await uidValidityOf(client, dest.path), uids: toUidSet(there.map((m) => m.uid)) });
    expect(countCommands(UID_EXPUNGE)).toBe(expunges);
  });

  it('uids "*" is the newest message; a selection already moved away moves nothing (count 0, undo null)', async () => {
    const src = await made(2);
    const dest = await made(0);
    const newest = await move({ selection: { ...src.selection(), uids: '*' }, destination: dest.path });
    expect(newest.body.count).toBe(1);
    expect(await idsIn(client, dest.path)).toEqual([src.ids[1]]);
    const again = await move({ selection: src.selection([1]), destination: dest.path });
    expect(again).toEqual({ status: 200, body: { count: 0, undo: null } });
    expect(await idsIn(client, src.path)).toEqual([src.ids[0]]);
  });

  it('a 1,000-message move is ONE IMAP command (or one COPY + STORE + EXPUNGE without MOVE); undo brings all back', async () => {
    const bulk = { folder: 'Bulk', uidValidity: await uidValidityOf(client, 'Bulk'), uids: '1:*' };
    const dest = await made(0);
    const before = [UID_MOVE, UID_COPY, UID_STORE_DELETED, UID_EXPUNGE].map(countCommands);

    const started = performance.now();
    const res = await move({ selection: bulk, destination: dest.path });
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1000);
    const after = [UID_MOVE, UID_COPY, UID_STORE_DELETED, UID_EXPUNGE].map(countCommands);
    expect(after.map((n, i) => n - before[i])).toEqual(server.move ? [1, 0, 0, 0] : [0, 1, 1, 1]);
    expect(await countIn(client, dest.path)).toBe(1000);
    expect(await countIn(client, 'Bulk')).toBe(0);

    const undoStarted = performance.now();
    const back = await move({ selection: res.body.undo, destination: 'Bulk' });
    const undoMs = performance.now() - undoStarted;
    expect(back.body.count).toBe(1000);
    expect(await countIn(client, 'Bulk')).toBe(1000);
    console.info(`[organize ${server.move ? 'MOVE' : 'no MOVE'}] 1,000-message move: ${ms.toFixed(0)} ms, undo: ${undoMs.toFixed(0)} ms`);
  });

  it('a move into a folder over quota: 507 over_quota naming the folder, nothing lost', async () => {
    const src = await made(2);
    const stores = countCommands(UID_STORE_DELETED);
    const res = await move({ selection: src.selection(), destination: 'Limited/Full' });
    expect(res.status).toBe(507);
    expect(res.body).toEqual({ error: { code: 'over_quota', message: 'Full is over quota: delete or archive mail to make room.' } });
    expect(await idsIn(client, src.path)).toEqual(src.ids);
    expect((await contents(client, src.path)).flatMap((m) => m.flags)).not.toContain('\\Deleted');
    expect(await idsIn(client, 'Limited/Full')).toEqual([]);
    // Without MOVE the refused COPY stops it: no \Deleted, no EXPUNGE.
    expect(countCommands(UID_STORE_DELETED)).toBe(stores);

    const copy = await post(copyRoute.POST, '/api/messages/copy', { selection: src.selection(), destination: 'Limited/Full' }, { cookie });
    expect(copy.status).toBe(507);
  });

  it('two sessions of one user: a move in one is seen by the other’s list', async () => {
    const other = await signIn();
    const src = await made(2);
    const dest = await made(0);
    const list = async (folder: string): Promise<MessagePageDto> =>
      (await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}`, { cookie: other })).json();
    expect((await list(src.path)).total).toBe(2);
    expect((await move({ selection: src.selection([0]), destination: dest.path })).status).toBe(200);
    expect((await list(src.path)).messages.map((m) => m.subject)).toEqual(['Organize 2']);
    expect((await list(dest.path)).messages.map((m) => m.subject)).toEqual(['Organize 1']);
  });

  it('bad input: unknown destination 404, stale UIDVALIDITY 404, malformed uids 400, same folder 400, no Origin 403', async () => {
    const src = await made(1);
    const unknown = await move({ selection: src.selection(), destination: 'No such folder' });
    expect(unknown).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'Folder does not exist' } } });
    const stale = { ...src.selection(), uidValidity: String(BigInt(src.selection().uidValidity) + 1n) };
    expect((await move({ selection: stale, destination: 'INBOX' })).status).toBe(404);
    const malformed = await move({ selection: { ...src.selection(), uids: '1:x' }, destination: 'INBOX' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'invalid_input']);
    expect((await move({ selection: src.selection(), destination: src.path })).status).toBe(400);
    expect((await move({ selection: { ...src.selection(), folder: 'Gone' }, destination: 'INBOX' })).status).toBe(404);
    expect((await move({ selection: src.selection(), destination: 'INBOX' }, { origin: null })).status).toBe(403);
    expect(await idsIn(client, src.path)).toEqual(src.ids);
  });
}
