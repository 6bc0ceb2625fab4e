import type { ImapFlow } from 'imapflow';
import { expect, it } from 'vitest';
import * as deleteRoute from '@/app/api/messages/delete/route';
import * as archiveRoute from '@/app/api/messages/archive/route';
import * as junkRoute from '@/app/api/messages/junk/route';
import * as emptyRoute from '@/app/api/folders/empty/route';
import {
  appendMessages, contents, countIn, idsIn, post, scratchAccount, uidValidityOf,
} from './move-fixtures';

// Role folders of the organize Dovecots (scripts/dovecot.sh names them unlike their roles).
const TRASH = 'Deleted Items';
const JUNK = 'Spam';

/**
 * Delete, archive, junk and empty against a real Dovecot. `archive` names the server's
 * \Archive folder, or null for a server without one (Wren then asks, and creates "Archive").
 */
export function describeActionsSuite(server: { archive: string | null }) {
  let cookie = '';
  let client: ImapFlow;
  const made = scratchAccount((c, k) => {
    client = c;
    cookie = k;
  });
  const act = (route: { POST: Parameters<typeof post>[0] }, path: string, body: unknown) => post(route.POST, path, body, { cookie });

  it('POST /api/messages/delete – to Trash with undo there; then from Trash -> permanent, exactly those', async () => {
    const src = await made(2);
    const bystander = await appendMessages(client, TRASH, 1);
    const res = await act(deleteRoute, '/api/messages/delete', { selection: src.selection([0]) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 1, permanent: false, undo: { folder: TRASH, uidValidity: await uidValidityOf(client, TRASH) } });
    expect(await idsIn(client, src.path)).toEqual([src.ids[1]]);
    expect(await idsIn(client, TRASH)).toContain(src.ids[0]);

    const again = await act(deleteRoute, '/api/messages/delete', { selection: res.body.undo });
    expect(again.body).toEqual({ count: 1, undo: null, permanent: true });
    const trash = await contents(client, TRASH);
    expect(trash.map((m) => m.id)).not.toContain(src.ids[0]);
    expect(trash.map((m) => m.id)).toContain(bystander.ids[0]);
    expect(trash.flatMap((m) => m.flags)).not.toContain('\\Deleted');
  });

  it('POST /api/messages/delete permanent:true – gone for good, not in Trash', async () => {
    const src = await made(2);
    const res = await act(deleteRoute, '/api/messages/delete', { selection: src.selection([1]), permanent: true });
    expect(res.body).toEqual({ count: 1, undo: null, permanent: true });
    expect(await idsIn(client, src.path)).toEqual([src.ids[0]]);
    expect(await idsIn(client, TRASH)).not.toContain(src.ids[1]);
  });

  if (server.archive) {
    const archive = server.archive;
    it(`POST /api/messages/archive – moved to the \\Archive folder (${archive})`, async () => {
      const src = await made(1);
      const res = await act(archiveRoute, '/api/messages/archive', { selection: src.selection() });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ count: 1, undo: { folder: archive } });
      expect(await idsIn(client, archive)).toContain(src.ids[0]);
      expect(await idsIn(client, src.path)).toEqual([]);
    });
  } else {
    it('POST /api/messages/archive – no \\Archive folder: 409 no_archive_folder; create:true makes "Archive", asked once', async () => {
      const src = await made(2);
      try {
        const refused = await act(archiveRoute, '/api/messages/archive', { selection: src.selection([0]) });
        expect(refused).toEqual({ status: 409, body: { error: { code: 'no_archive_folder', message: 'This account has no Archive folder.' } } });
        expect(await idsIn(client, src.path)).toEqual(src.ids);

        const created = await act(archiveRoute, '/api/messages/archive', { selection: src.selection([0]), create: true });
        expect(created.status).toBe(200);
        expect(created.body).toMatchObject({ count: 1, undo: { folder: 'Archive' } });
        expect(await idsIn(client, 'Archive')).toEqual([src.ids[0]]);
        // The server could not mark it \Archive (no CREATE-SPECIAL-USE): found by its name now.
        const next = await act(archiveRoute, '/api/messages/archive', { selection: src.selection([1]) });
        expect(next.status).toBe(200);
        expect(await idsIn(client, 'Archive')).toEqual(src.ids);
      } finally {
        await client.mailboxDelete('Archive').catch(() => undefined);
      }
    });
  }

  it('POST /api/messages/junk – junk: to Junk with $Junk; not junk: to INBOX with $NotJunk', async () => {
    const src = await made(1, [['$NotJunk']]);
    const junk = await act(junkRoute, '/api/messages/junk', { selection: src.selection(), junk: true });
    expect(junk.status).toBe(200);
    expect(junk.body).toMatchObject({ count: 1, undo: { folder: JUNK } });
    const inJunk = (await contents(client, JUNK)).find((m) => m.id === src.ids[0]);
    expect(inJunk?.flags).toContain('$Junk');
    expect(inJunk?.flags).not.toContain('$NotJunk');
    expect(await idsIn(client, src.path)).toEqual([]);

    const notJunk = await act(junkRoute, '/api/messages/junk', { selection: junk.body.undo, junk: false });
    expect(notJunk.body).toMatchObject({ count: 1, undo: { folder: 'INBOX' } });
    const inInbox = (await contents(client, 'INBOX')).find((m) => m.id === src.ids[0]);
    expect(inInbox?.flags).toContain('$NotJunk');
    expect(inInbox?.flags).not.toContain('$Junk');
    expect(await idsIn(client, JUNK)).not.toContain(src.ids[0]);
  });

  it('POST /api/folders/empty – Trash: everything in it deleted for good; other folders 403, unknown 404', async () => {
    await appendMessages(client, TRASH, 3);
    const inTrash = await countIn(client, TRASH);
    const res = await act(emptyRoute, '/api/folders/empty', { folder: TRASH });
    expect(res).toEqual({ status: 200, body: { count: inTrash } });
    expect(await idsIn(client, TRASH)).toEqual([]);

    const src = await made(1);
    const refused = await act(emptyRoute, '/api/folders/empty', { folder: src.path });
    expect(refused).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'Only Trash and Junk can be emptied' } } });
    expect(await idsIn(client, src.path)).toEqual(src.ids);
    expect((await act(emptyRoute, '/api/folders/empty', { folder: 'No such folder' })).status).toBe(404);
  });
}
