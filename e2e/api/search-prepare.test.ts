import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as prepareRoute from '@/app/api/search/prepare/route';
import type { MessagePageDto } from '@/lib/types';
import { commandLogs, rawImap, wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';

// The search box, focused, readies the session's search connection (POST /api/search/prepare):
// the first search then sends neither a login nor a SELECT, only the SEARCH (and the rows' FETCH).
// Read from Dovecot's raw logs of sage's connections (client to server).
let cookie: string;

/** sage's IMAP connections so far, oldest first, each as the commands Wren sent on it. */
const connections = (): string[][] => commandLogs('sage').map((log) => log.map((line) => line.text));
const count = (commands: string[], pattern: RegExp) => commands.filter((c) => pattern.test(c)).length;
const prepare = (folder: unknown) => call(prepareRoute.POST, '/api/search/prepare', { method: 'POST', cookie, body: { folder } });

beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'sage', password: 'secret' } }));
});

describe('POST /api/search/prepare – the search box got focus', () => {
  it('opens the search connection with the folder selected, so the first search sends only its SEARCH', async () => {
    const before = connections().length;
    expect((await prepare('INBOX')).status).toBe(204);
    const prepared = connections();
    // One connection more (the search lane), which selected INBOX and searched nothing.
    expect(prepared.length).toBe(before + 1);
    const lane = prepared.at(-1)!;
    expect(count(lane, /^\S+ SELECT "?INBOX"?/i)).toBe(1);
    expect(count(lane, /^\S+ (UID )?SEARCH /i)).toBe(0);

    const res = await call(messagesRoute.GET, `/api/messages?folder=INBOX&q=${encodeURIComponent('subject:anything')}`, { cookie });
    expect(res.status).toBe(200);
    expect(((await res.json()) as MessagePageDto).total).toBe(0);

    const after = connections();
    expect(after.length).toBe(prepared.length);
    const searched = after.at(-1)!;
    expect(count(searched, /^\S+ (UID )?SEARCH /i)).toBe(1);
    // Nothing the prepare had done again: no second login, no second SELECT.
    expect(count(searched, /^\S+ (LOGIN|AUTHENTICATE)\b/i)).toBe(count(lane, /^\S+ (LOGIN|AUTHENTICATE)\b/i));
    expect(count(searched, /^\S+ SELECT /i)).toBe(1);
  });

  it('answers 404 for a folder that does not exist, and 400 without one', async () => {
    expect((await prepare('No such folder')).status).toBe(404);
    expect((await prepare(undefined)).status).toBe(400);
  });
});

describe("a session's first search", () => {
  let sage: ImapFlow;
  beforeAll(async () => {
    sage = await rawImap('sage');
  });
  afterAll(async () => {
    await sage.logout();
  });

  it('sends no second FETCH of the newest UID after the prepare, and fetches it again once a change was heard (a message moved out and back is found under its new UID)', async () => {
    const folder = `Newest-${Date.now().toString(36)}`;
    await sage.mailboxCreate(folder);
    const raw = (subject: string) => ['From: Sol <sol@example.com>', `Subject: ${subject}`, '', 'text', ''].join('\r\n');
    await sage.append(folder, raw('Needle to move'));
    await sage.append(folder, raw('Hay'));
    const search = async () => {
      const res = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&q=${encodeURIComponent('subject:needle')}`, { cookie });
      expect(res.status).toBe(200);
      return (await res.json()) as MessagePageDto;
    };
    // The search lane's commands since it selected this folder (the last such selection).
    const laneSince = () => {
      const lane = connections().filter((c) => c.some((line) => /^\S+ UID SEARCH /i.test(line))).at(-1)!;
      const selected = lane.findLastIndex((line) => new RegExp(`^\\S+ SELECT "?${folder}"?`, 'i').test(line));
      return lane.slice(selected);
    };
    // imapflow sends fetchOne('*') as the newest sequence number: `FETCH 2 (UID MODSEQ)`.
    const newestFetches = () => count(laneSince(), /^\S+ FETCH \d+ \(UID( MODSEQ)?\)$/i);

    expect((await prepare(folder)).status).toBe(204);
    const first = await search();
    expect(first.messages.map((m) => m.subject)).toEqual(['Needle to move']);
    // The prepare's FETCH of the newest UID, and none by the search: the lane heard nothing since.
    expect(newestFetches()).toBe(1);
    await search();
    expect(newestFetches()).toBe(1);

    // Moved out and back by another client: the same count, a new UID. The search lane hears the
    // EXPUNGE and EXISTS with its NOOP, fetches the newest UID again, and so misses its cache.
    const moveUid = async (from: string, uid: number, to: string) => {
      const lock = await sage.getMailboxLock(from);
      try {
        const result = await sage.messageMove(String(uid), to, { uid: true });
        return (result && result.uidMap?.get(uid)) || 0;
      } finally {
        lock.release();
      }
    };
    const moved = await moveUid('INBOX', await moveUid(folder, first.messages[0].uid, 'INBOX'), folder);
    const again = await search();
    expect(again.total).toBe(1);
    expect(again.messages.map((m) => m.uid)).toEqual([moved]);
    expect(moved).not.toBe(first.messages[0].uid);
    expect(newestFetches()).toBe(2);
  });

  it('fetches result rows it has never listed in one FETCH with their headers, not FLAGS first', async () => {
    const folder = `First-${Date.now().toString(36)}`;
    await sage.mailboxCreate(folder);
    const raw = (subject: string) => ['From: Sol <sol@example.com>', `Subject: ${subject}`, '', 'text', ''].join('\r\n');
    const needle = await sage.append(folder, raw('Needle in the folder'));
    for (const subject of ['Hay one', 'Hay two']) await sage.append(folder, raw(subject));
    // The folder listed (rows known to the row cache), but not the needle's: the newest row only.
    expect((await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&limit=1`, { cookie })).status).toBe(200);
    // Wren's commands naming the needle's UID (in all of sage's folders: the count goes up by what this search sent).
    const fetchesOf = (uid: number) => wrenCommands('sage').filter((c) => new RegExp(`^\\S+ UID FETCH ${uid} `).test(c));
    const uid = (needle && needle.uid) || 0;
    const before = fetchesOf(uid);
    const res = await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&q=${encodeURIComponent('subject:needle')}`, { cookie });
    expect(res.status).toBe(200);
    const page = (await res.json()) as MessagePageDto;
    expect(page.messages.map((m) => m.subject)).toEqual(['Needle in the folder']);
    // The needle's row is fetched once, whole (FLAGS with ENVELOPE and the rest).
    const after = fetchesOf(uid);
    const whole = (list: string[]) => list.filter((c) => /ENVELOPE/.test(c) && /FLAGS/.test(c)).length;
    expect(after.length - before.length).toBe(1);
    expect(whole(after) - whole(before)).toBe(1);
  });
});
