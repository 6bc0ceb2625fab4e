import { describe, expect, it } from 'vitest';
import * as messagesRoute from '@/app/api/messages/route';
import type { MessagePageDto } from '@/lib/types';
import { rawImap, rawlogSessions, wrenCommands } from '../support/dovecot';
import { call } from './call';
import { setOrganizeServer, signIn, USER } from './move-fixtures';

// A server without SORT: the organize suite's NOMOVE Dovecot leaves SORT and SORT=DISPLAY out of
// what it announces (scripts/test-stack.sh), though it would still answer them. Its Bulk folder
// holds 1,000 messages.
setOrganizeServer('NOMOVE');

describe('a server without SORT', () => {
  it('lists in arrival order whatever order is asked, says it cannot sort, and sends no SORT', async () => {
    const before = rawlogSessions(USER);
    const raw = await rawImap(USER);
    try {
      expect(raw.capabilities.has('SORT')).toBe(false);
    } finally {
      await raw.logout();
    }
    const cookie = await signIn();
    const res = await call(messagesRoute.GET, '/api/messages?folder=Bulk&limit=5&sort=subject-asc', { cookie });
    expect(res.status).toBe(200);
    const page: MessagePageDto = await res.json();
    expect(page.canSort).toBe(false);
    expect(page.sort).toBe('arrival-desc');
    const uids = page.messages.map((m) => m.uid);
    expect(uids).toEqual([...uids].sort((a, b) => b - a));
    expect(page.messages[0].subject).toBe('Bulk message #1000');
    expect(wrenCommands(USER, before).filter((c) => / SORT /.test(c))).toEqual([]);
  });
});
