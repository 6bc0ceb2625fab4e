import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import type { MessagePageDto } from '@/lib/types';
import { rawlogSessions, wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';
import { listPage } from './list-page';

// Previews in list rows (RFC 8970 PREVIEW, which the test Dovecot announces): the text comes in
// the list's own FETCH, made by the server; Wren downloads no body for it.
let cookie: string;
// The sessions of other files and earlier runs: only this file's connections are looked at.
let before: Set<string>;
const list = (query: string) => listPage(cookie, query);
const previewOf = (page: MessagePageDto, subject: string) => page.messages.find((m) => m.subject === subject)?.preview;
/** The list's FETCHes: the ones with ENVELOPE and RFC822.SIZE (opening a message asks for no size). */
const listFetches = () => wrenCommands('alice', before).filter((c) => / FETCH .*ENVELOPE/.test(c) && c.includes('RFC822.SIZE'));

beforeAll(async () => {
  before = rawlogSessions('alice');
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } }));
});

describe('previews in list rows', () => {
  it('search results carry the preview too (the same rows, fetched by UID: first, so Work is not known yet)', async () => {
    const found = await list(`folder=Work&q=${encodeURIComponent('marmalade')}`);
    expect(found.messages.map((m) => m.preview)).toEqual(['Lunch is at noon. Please bring marmalade sandwiches.']);
  });

  it('a folder lists each row with a line of its text, decoded, without controls, at most 200 characters', async () => {
    const inbox = await list('folder=INBOX');
    // Quoted-printable, UTF-8 and line breaks in the fixture; one line here.
    const hello = previewOf(inbox, 'Plain hello');
    expect(hello).toMatch(/^Hi Alice, Have a look at https:\/\/example\.org\/wren when you have a minute\. Grüße aus Köln – see you soon ☺ This line/);
    expect(Array.from(hello!).length).toBeLessThanOrEqual(200);
    expect(previewOf(inbox, 'Café ☕ meeting')).toBe('Shall we meet at the café on Friday? Bis bald!');
    expect(previewOf(inbox, 'Report attached')).toBe('Please find the report attached.');
    for (const row of inbox.messages) expect(row.preview ?? '').not.toMatch(/[\u0000-\u001f\u007f]/);
    const work = await list('folder=Work');
    expect(previewOf(work, 'Team lunch on Friday')).toBe('Lunch is at noon. Please bring marmalade sandwiches.');
  });

  it('the preview comes in the list FETCH with the headers, and no body is downloaded for it', async () => {
    const fetches = listFetches();
    // The search's UID FETCH, the Inbox's FETCH by position, and Work's row the search did not bring.
    expect(fetches.filter((c) => /^\S+ UID FETCH /.test(c))).toHaveLength(2);
    expect(fetches.filter((c) => /^\S+ FETCH /.test(c))).toHaveLength(1);
    for (const c of fetches) {
      expect(c).toMatch(/\(UID FLAGS BODYSTRUCTURE ENVELOPE INTERNALDATE RFC822\.SIZE( MODSEQ)? PREVIEW\)/);
      expect(c).not.toMatch(/BODY(\.PEEK)?\[|BINARY(\.PEEK)?\[/);
    }
    // A page listed before costs FLAGS only: the preview stays in the row cache.
    const before = listFetches().length;
    const again = await list('folder=Work');
    expect(previewOf(again, 'Team lunch on Friday')).toBe('Lunch is at noon. Please bring marmalade sandwiches.');
    expect(listFetches().length).toBe(before);
  });
});
