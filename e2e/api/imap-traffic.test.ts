import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import type { MessagePageDto } from '@/lib/types';
import { rawImap, rawlogSessions, wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';

// What Wren asks the IMAP server, read from Dovecot's raw log of Wren's own connections: those
// of this file's session only (alice's earlier sessions, of other files, are left out).
let commands: string[];
let cookie: string;

beforeAll(async () => {
  const before = rawlogSessions('alice');
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } }));
  expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
  for (const folder of ['INBOX', 'Charsets']) {
    const page: MessagePageDto = await (await call(messagesRoute.GET, `/api/messages?folder=${folder}`, { cookie })).json();
    for (const { id } of page.messages) expect((await call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } })).status).toBe(200);
  }
  commands = wrenCommands('alice', before);
});

describe('IMAP traffic', () => {
  it('the folder list with counts is one LIST ... RETURN (STATUS ...), no STATUS per folder', () => {
    expect(commands.some((c) => /LIST "" "\*" RETURN \(.*STATUS \(MESSAGES UNSEEN\)/.test(c))).toBe(true);
    expect(commands.filter((c) => /^\S+ STATUS /.test(c))).toEqual([]);
  });

  it('the list fetches headers only: ENVELOPE, FLAGS, INTERNALDATE, RFC822.SIZE, BODYSTRUCTURE', () => {
    // The list's FETCH is the one with RFC822.SIZE (opening a message asks for ENVELOPE too).
    const listFetches = commands.filter((c) => / FETCH .*ENVELOPE/.test(c) && c.includes('RFC822.SIZE'));
    expect(listFetches.length).toBeGreaterThan(0);
    for (const c of listFetches) {
      expect(c).toMatch(/BODYSTRUCTURE/);
      expect(c).not.toMatch(/BODY(\.PEEK)?\[|RFC822[ )]|RFC822\.TEXT/);
    }
  });

  it('opening a message fetches one part, never the whole message', () => {
    const bodyFetches = commands.filter((c) => /BODY(\.PEEK)?\[/.test(c));
    expect(bodyFetches.length).toBeGreaterThan(0);
    for (const c of bodyFetches) expect(c).not.toMatch(/BODY(\.PEEK)?\[\]|RFC822[ )]/);
    // The multipart newsletter is read through its HTML part alone: BODY.PEEK[2] in the open's own
    // FETCH when the list planned it (first-requests.test.ts), else BODY.PEEK[2]<0.1048576> after.
    expect(bodyFetches.some((c) => /BODY\.PEEK\[\d+(\.\d+)*\](<0\.1048576>|[ )])/.test(c))).toBe(true);
  });

  it('a page listed before costs FLAGS only: its rows come from the cache, with flags as the server has them now', async () => {
    const list = async (): Promise<MessagePageDto> => (await call(messagesRoute.GET, '/api/messages?folder=Charsets', { cookie })).json();
    const first = await list();
    const target = first.messages[0];
    const raw = await rawImap('alice');
    try {
      await raw.mailboxOpen('Charsets');
      await raw.messageFlagsAdd(String(target.uid), ['\\Flagged'], { uid: true });
      const already = wrenCommands('alice').length;
      const again = await list();
      const sent = wrenCommands('alice').slice(already);
      expect(sent.some((c) => /FETCH \d+:\d+ \(UID FLAGS( MODSEQ)?\)$/.test(c))).toBe(true);
      expect(sent.filter((c) => /ENVELOPE|BODYSTRUCTURE/.test(c))).toEqual([]);
      const unflagged = (page: MessagePageDto) => page.messages.map((m) => ({ ...m, flagged: m.uid === target.uid ? null : m.flagged }));
      expect(unflagged(again)).toEqual(unflagged(first));
      expect(again.messages.find((m) => m.uid === target.uid)?.flagged).toBe(true);
    } finally {
      await raw.messageFlagsRemove(String(target.uid), ['\\Flagged'], { uid: true });
      await raw.logout();
    }
  });
});
