import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as searchRoute from '@/app/api/search/route';
import * as moveRoute from '@/app/api/messages/move/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import { poolStats } from '@/server/imap/pool';
import type { MessagePageDto, SearchEventDto } from '@/lib/types';
import { rawImap, wrenCommands } from '../support/dovecot';
import { call, cookieFrom, readNdjson } from './call';

type FolderEvent = Extract<SearchEventDto, { type: 'folder' }>;

async function signIn(username: string) {
  return cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username, password: 'secret' } }));
}

const searchAll = (cookie: string, q: string, opts: { after?: unknown; signal?: AbortSignal } = {}) =>
  call(searchRoute.GET, `/api/search?q=${encodeURIComponent(q)}${opts.after ? `&after=${encodeURIComponent(JSON.stringify(opts.after))}` : ''}`, {
    cookie,
    signal: opts.signal,
  });

const folderEvents = (events: SearchEventDto[]) => events.filter((e): e is FolderEvent => e.type === 'folder');

// A body search of all 10,000 messages of bulk's Big folder: Dovecot has no full-text index
// here, so it reads every message (about 150 ms on a laptop).
const SLOW = 'body:bulk';

describe('GET /api/search – all folders', () => {
  // alice's folders stay as seeded (other suites count them); tests that change mail use counter.
  let alice: string;
  let counter: string;
  beforeAll(async () => {
    alice = await signIn('alice');
    counter = await signIn('counter');
  });

  it('finds a message in a nested folder and labels it with the folder', async () => {
    const res = await searchAll(alice, 'xylophone');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/ndjson/);
    expect(res.headers.get('cache-control')).toContain('no-transform');
    const events = await readNdjson<SearchEventDto>(res);
    const found = folderEvents(events);
    expect(found).toHaveLength(1);
    expect(found[0].folder).toBe('Work/Projects');
    expect(found[0].messages.map((m) => [m.subject, m.folder])).toEqual([['Project Xylophone kickoff', 'Work/Projects']]);
    expect(events.at(-1)).toMatchObject({ type: 'done' });
  });

  it('one event per folder with matches, each message carrying its folder', async () => {
    const events = folderEvents(await readNdjson<SearchEventDto>(await searchAll(alice, 'from:priya')));
    expect(events.map((e) => [e.folder, e.matches]).sort()).toEqual([
      ['Work', 1],
      ['Work/Projects', 1],
    ]);
    for (const e of events) for (const m of e.messages) expect(m.folder).toBe(e.folder);
  });

  it('a malformed query is an explained 400, an overlong one is refused, neither is a 500', async () => {
    const bad = await searchAll(alice, 'from:(');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/at character \d+/);
    const long = await searchAll(alice, 'x '.repeat(400));
    expect(long.status).toBe(400);
    expect((await long.json()).error.message).toMatch(/too long/i);
    const garbled = await call(searchRoute.GET, '/api/search?q=x&after=%7Bnot-json', { cookie: alice });
    expect(garbled.status).toBe(400);
  });

  it('results open and take organize actions like any message', async () => {
    const [event] = folderEvents(await readNdjson<SearchEventDto>(await searchAll(counter, 'xylophone')));
    const id = event.messages[0].id;
    const [folder, uidValidity, uid] = [event.folder, id.split('.')[0], event.messages[0].uid];
    const moved = await call(moveRoute.POST, '/api/messages/move', {
      method: 'POST',
      cookie: counter,
      body: { selection: { folder, uidValidity, uids: String(uid) }, destination: 'Work' },
    });
    expect(moved.status).toBe(200);
    const { undo } = await moved.json();
    const after = folderEvents(await readNdjson<SearchEventDto>(await searchAll(counter, 'xylophone')));
    expect(after.map((e) => e.folder)).toEqual(['Work']);
    await call(moveRoute.POST, '/api/messages/move', { method: 'POST', cookie: counter, body: { selection: undo, destination: 'Work/Projects' } });
  });
  it('a result that arrived after the folder was last listed opens and moves (the connection catches up first)', async () => {
    // The main connection selects INBOX; then a message arrives that only the search lane sees.
    expect((await call(messagesRoute.GET, '/api/messages?folder=INBOX', { cookie: counter })).status).toBe(200);
    const word = `latecomer${Date.now()}`;
    const client = await rawImap('counter');
    try {
      await client.append('INBOX', `From: late@example.org\r\nSubject: ${word}\r\n\r\nhello\r\n`);
    } finally {
      await client.logout();
    }
    const [event] = folderEvents(await readNdjson<SearchEventDto>(await searchAll(counter, word)));
    const { id } = event.messages[0];
    const opened = await call(messageRoute.GET, `/api/messages/${id}`, { cookie: counter, params: { id } });
    expect(opened.status).toBe(200);
    expect((await opened.json()).subject).toBe(word);
  });
});

describe('GET /api/search – large results, cancellation and the search lane', () => {
  let bulk: string;
  beforeAll(async () => {
    bulk = await signIn('bulk');
  });

  it('stops at 500 per folder and "show more" continues below where it stopped', async () => {
    const first = folderEvents(await readNdjson<SearchEventDto>(await searchAll(bulk, 'subject:bulk')));
    const big = first.find((e) => e.folder === 'Big')!;
    expect(big.matches).toBe(10_000);
    expect(big.messages).toHaveLength(500);
    expect(big.messages[0].subject).toBe('Bulk message #10000');
    expect(big.resume).toEqual({ uidValidity: expect.any(String), below: big.messages[499].uid });
    const more = folderEvents(await readNdjson<SearchEventDto>(await searchAll(bulk, 'subject:bulk', { after: [{ folder: 'Big', ...big.resume }] })));
    expect(more).toHaveLength(1);
    expect(more[0].matches).toBe(9_500);
    expect(more[0].messages[0].subject).toBe('Bulk message #9500');
  });

  it('while a slow search runs, a list request of the same session is answered first', async () => {
    const finished: string[] = [];
    const search = searchAll(bulk, SLOW).then(async (res) => {
      await res.text();
      finished.push('search');
    });
    await new Promise((r) => setTimeout(r, 20));
    const list = call(messagesRoute.GET, '/api/messages?folder=Big&limit=50', { cookie: bulk }).then(async (res) => {
      expect(res.status).toBe(200);
      expect(((await res.json()) as MessagePageDto).messages).toHaveLength(50);
      finished.push('list');
    });
    await Promise.all([search, list]);
    expect(finished).toEqual(['list', 'search']);
    expect(poolStats().byLane.search).toBeGreaterThanOrEqual(1);
  });

  it('a newer search cancels the running one: the old one never yields its results', async () => {
    const old = searchAll(bulk, SLOW).then(async (res) => ({ status: res.status, text: await res.text() }));
    await new Promise((r) => setTimeout(r, 30));
    const newer = await readNdjson<SearchEventDto>(await searchAll(bulk, 'subject:"Bulk message #42"'));
    expect(folderEvents(newer).find((e) => e.folder === 'Big')?.matches).toBe(111);
    const { status, text } = await old;
    // Cancelled before its first folder answered: 409; or later: an error line. Never results.
    expect(text).toContain('cancelled');
    expect(text).not.toContain('"type":"folder"');
    expect([200, 409]).toContain(status);
  });

  it('a search whose client went away stops', async () => {
    const controller = new AbortController();
    const pending = searchAll(bulk, SLOW, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const res = await pending;
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('cancelled');
    // The session goes on: the next search works.
    const next = folderEvents(await readNdjson<SearchEventDto>(await searchAll(bulk, 'subject:"Bulk message #9999"')));
    expect(next[0]?.matches).toBe(1);
  });

  it('pages of a folder search come from one SEARCH: the next page answers from the kept result', async () => {
    const page = (offset: number) =>
      call(messagesRoute.GET, `/api/messages?folder=Big&q=${encodeURIComponent(SLOW)}&offset=${offset}&limit=50`, { cookie: bulk });
    const searches = () => wrenCommands('bulk').filter((line) => /UID SEARCH .*BODY bulk$/i.test(line)).length;
    const before = searches();
    const first = (await (await page(0)).json()) as MessagePageDto;
    const second = (await (await page(50)).json()) as MessagePageDto;
    expect(first.total).toBe(10_000);
    expect(second.messages[0].subject).toBe('Bulk message #9950');
    expect(searches() - before).toBe(1);
    // ESEARCH: the 10,000 UIDs came back as a compact set, with RETURN (ALL COUNT).
    expect(wrenCommands('bulk').some((line) => /UID SEARCH RETURN \(ALL COUNT\)/i.test(line))).toBe(true);
  });
});
