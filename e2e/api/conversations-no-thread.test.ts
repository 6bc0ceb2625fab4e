import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as messagesRoute from '@/app/api/messages/route';
import * as conversationRoute from '@/app/api/conversations/[id]/route';
import type { ConversationDto, MessagePageDto } from '@/lib/types';
import { rawImap, rawlogSessions, wrenCommands } from '../support/dovecot';
import { call } from './call';
import { appendConversation, conversationPieces } from './conversation-fixtures';
import { setOrganizeServer, signIn, USER } from './move-fixtures';

// A server without THREAD: the organize suite's NOMOVE Dovecot leaves THREAD=REFS,
// THREAD=REFERENCES and THREAD=ORDEREDSUBJECT out of what it announces (scripts/test-stack.sh),
// though it would still answer them. Wren then groups by Message-ID / In-Reply-To / References
// over the window, never by subject. Its own folder, Threads, so the organize tests are not disturbed.
setOrganizeServer('NOMOVE');

describe('conversations on a server without THREAD', () => {
  it('groups by References and In-Reply-To, not by subject, and sends no THREAD', async () => {
    const tag = randomUUID().slice(0, 8);
    const folder = `Threads-${tag}`;
    const raw = await rawImap(USER);
    try {
      expect([...raw.capabilities.keys()].filter((c) => c.startsWith('THREAD'))).toEqual([]);
      for (const path of [folder, `Sent-${tag}`, `Archive-${tag}`]) await raw.mailboxCreate(path);
      await appendConversation(raw, conversationPieces(tag, USER), USER, { inbox: folder, sent: `Sent-${tag}`, archive: `Archive-${tag}` });
    } finally {
      await raw.logout();
    }
    const before = rawlogSessions(USER);
    const cookie = await signIn();
    const page: MessagePageDto = await (await call(messagesRoute.GET, `/api/messages?folder=${encodeURIComponent(folder)}&threads=1`, { cookie })).json();
    expect(page.total).toBe(3);
    const [row, lone, lunch] = page.messages;
    expect(row.conversation?.uids).toHaveLength(3);
    expect(row.flagged).toBe(true);
    expect(row.seen).toBe(false);
    // The same subject, replying to nothing: a row of its own.
    expect([lone.from?.name, lone.subject, lone.conversation]).toEqual(['Cat Three', `Re: Offsite ${tag}`, undefined]);
    expect(lunch.subject).toBe(`Lunch ${tag}`);
    // Opening it searches by header, which needs no THREAD (no Sent or Archive of that name here: the folder alone).
    const res = await call(conversationRoute.GET, `/api/conversations/${row.id}`, { cookie, params: { id: row.id } });
    const conversation: ConversationDto = await res.json();
    expect(conversation.messages.map((m) => m.subject)).toEqual([`Offsite ${tag}`, `Re: Offsite ${tag}`, `Re: Offsite ${tag}`]);
    const headerFetch = () => wrenCommands(USER, before).filter((c) => /FETCH .*HEADER\.FIELDS \(MESSAGE-ID IN-REPLY-TO REFERENCES\)/i.test(c));
    await expect.poll(() => headerFetch().length).toBeGreaterThan(0);
    expect(wrenCommands(USER, before).filter((c) => / THREAD /.test(c))).toEqual([]);
  });
});
