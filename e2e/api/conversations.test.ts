import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as conversationRoute from '@/app/api/conversations/[id]/route';
import * as archiveRoute from '@/app/api/messages/archive/route';
import { withConversations } from '@/components/mail/conversation/expand';
import { selectionsOf } from '@/lib/selection';
import type { ConversationDto, MessagePageDto } from '@/lib/types';
import { rawImap, rawlogSessions, wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';
import { listPage } from './list-page';
import { appendConversation, conversationPieces } from './conversation-fixtures';

// Conversations (#21) on the test stack's Dovecot, which has THREAD=REFS. User thea, not
// seeded: each run appends its own conversation (a fresh tag) to INBOX, Sent and Archive.
const USER = 'thea';
const tag = randomUUID().slice(0, 8);
const pieces = conversationPieces(tag, USER);
let cookie: string;
let before: Set<string>;

const list = (query: string) => listPage(cookie, query);
const mine = (page: MessagePageDto) => page.messages.filter((m) => m.subject.includes(tag));

beforeAll(async () => {
  const raw = await rawImap(USER);
  try {
    expect(raw.capabilities.has('THREAD=REFS')).toBe(true);
    await appendConversation(raw, pieces, USER, { inbox: 'INBOX', sent: 'Sent Messages', archive: 'Archives' });
  } finally {
    await raw.logout();
  }
  before = rawlogSessions(USER);
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } });
  expect(res.status).toBe(200);
  cookie = cookieFrom(res);
});

describe('conversations with THREAD=REFS', () => {
  it('a conversation of INBOX messages shows as one row: the newest, its participants and count, unread and starred if any is', async () => {
    const page = await list('folder=INBOX&threads=1');
    const rows = mine(page);
    // Newest first by the newest message: the conversation (its newest came last), then the
    // same-subject message that replies to nothing (a row of its own), then Lunch.
    expect(rows.map((r) => r.subject)).toEqual([`Re: Offsite ${tag}`, `Re: Offsite ${tag}`, `Lunch ${tag}`]);
    const [row, lone] = rows;
    expect(row.conversation?.uids).toHaveLength(3);
    expect(row.conversation?.participants).toEqual(['Ann Root']);
    expect(row.from?.name).toBe('Ann Root');
    expect(row.seen).toBe(false);
    expect(row.flagged).toBe(true);
    expect(lone.from?.name).toBe('Cat Three');
    expect(lone.conversation).toBeUndefined();
    // Without threads=1 (the setting off) the folder is one row per message.
    expect(mine(await list('folder=INBOX')).length).toBe(5);
  });

  it('the list asks the server with UID THREAD REFS over the newest window', async () => {
    await expect.poll(() => wrenCommands(USER, before).filter((c) => / UID THREAD /.test(c)).length).toBeGreaterThan(0);
    for (const c of wrenCommands(USER, before).filter((c) => / UID THREAD /.test(c))) expect(c).toMatch(/UID THREAD REFS UTF-8 \d+:\*$/);
  });

  it('opens as one stack, oldest first, with the replies in Sent and Archive, found by SEARCH HEADER', async () => {
    const [row] = mine(await list('folder=INBOX&threads=1'));
    const already = wrenCommands(USER).length;
    const res = await call(conversationRoute.GET, `/api/conversations/${row.id}`, { cookie, params: { id: row.id } });
    expect(res.status).toBe(200);
    const conversation: ConversationDto = await res.json();
    expect(conversation.messages.map((m) => [m.folder, m.from?.name])).toEqual([
      ['INBOX', 'Ann Root'],
      ['Sent Messages', USER],
      ['Archives', 'Bob Two'],
      ['INBOX', 'Ann Root'],
      ['INBOX', 'Ann Root'],
    ]);
    const searches = () => wrenCommands(USER).slice(already).filter((c) => / UID SEARCH /.test(c));
    // One per folder: INBOX, Sent and Archive.
    await expect.poll(() => searches().length).toBe(3);
    for (const c of searches()) expect(c).toMatch(/HEADER REFERENCES/i);
  });

  it('archive of the row moves every INBOX message of it, and nothing else', async () => {
    const page = await list('folder=INBOX&threads=1');
    const [row] = mine(page);
    const selections = selectionsOf(withConversations(page.messages, [row.id]));
    expect(selections).toHaveLength(1);
    const res = await call(archiveRoute.POST, '/api/messages/archive', { method: 'POST', cookie, body: { selection: selections[0] } });
    expect(res.status).toBe(200);
    expect((await res.json()).count).toBe(3);
    expect(mine(await list('folder=INBOX')).map((m) => m.from?.name)).toEqual(['Cat Three', 'Zed Other']);
    const archived = mine(await list('folder=Archives'));
    expect(archived.map((m) => m.from?.name).sort()).toEqual(['Ann Root', 'Ann Root', 'Ann Root', 'Bob Two']);
  });
});

describe('the list stays O(window) on a large folder', () => {
  it('threads only the newest messages of a 10,000-message folder', async () => {
    const start = rawlogSessions('bulk');
    const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'bulk', password: 'secret' } });
    const bulk = cookieFrom(res);
    const page: MessagePageDto = await (await call(messagesRoute.GET, '/api/messages?folder=Big&threads=1', { cookie: bulk })).json();
    expect(page.messages).toHaveLength(50);
    // Generated messages reply to nothing: one conversation each, the 500 newest threaded, the rest counted as rows.
    expect(page.total).toBe(10_000);
    // Dovecot writes its raw log as it goes: wait for the line rather than read it once.
    await expect.poll(() => wrenCommands('bulk', start).filter((c) => / UID THREAD /.test(c))).toEqual([expect.stringMatching(/UID THREAD REFS UTF-8 9501:\*$/)]);
  });
});
