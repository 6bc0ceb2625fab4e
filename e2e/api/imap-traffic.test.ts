import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import type { MessagePageDto } from '@/lib/types';
import { wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';

// What Wren asks the IMAP server, read from Dovecot's raw log of Wren's own connections.
let commands: string[];

beforeAll(async () => {
  const cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } }));
  expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
  for (const folder of ['INBOX', 'Charsets']) {
    const page: MessagePageDto = await (await call(messagesRoute.GET, `/api/messages?folder=${folder}`, { cookie })).json();
    for (const { id } of page.messages) expect((await call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } })).status).toBe(200);
  }
  commands = wrenCommands('alice');
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
    // The multipart newsletter is read through its HTML part alone, e.g. BODY.PEEK[2]<0.1048576>.
    expect(bodyFetches.some((c) => /BODY\.PEEK\[\d+(\.\d+)*\]<0\.1048576>/.test(c))).toBe(true);
  });
});
