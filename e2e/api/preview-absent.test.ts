import { describe, expect, it } from 'vitest';
import * as messagesRoute from '@/app/api/messages/route';
import type { MessagePageDto } from '@/lib/types';
import { rawImap, rawlogSessions, wrenCommands } from '../support/dovecot';
import { call } from './call';
import { setOrganizeServer, signIn, USER } from './move-fixtures';

// A server without PREVIEW: the organize suite's NOMOVE Dovecot leaves it out of what it
// announces (scripts/test-stack.sh), though it would still answer it. Its Bulk folder holds
// 1,000 plain-text messages.
setOrganizeServer('NOMOVE');

describe('a server without PREVIEW', () => {
  it('lists rows without a preview, and the list FETCH does not ask for one', async () => {
    // Only this test's connections: the organize suite and earlier runs have their own.
    const before = rawlogSessions(USER);
    const raw = await rawImap(USER);
    try {
      expect(raw.capabilities.has('UIDPLUS')).toBe(true);
      expect(raw.capabilities.has('PREVIEW')).toBe(false);
    } finally {
      await raw.logout();
    }
    const cookie = await signIn();
    const res = await call(messagesRoute.GET, '/api/messages?folder=Bulk', { cookie });
    expect(res.status).toBe(200);
    const page: MessagePageDto = await res.json();
    expect(page.messages.length).toBeGreaterThan(0);
    for (const row of page.messages) {
      expect(row.subject).toMatch(/^Bulk message #\d+$/);
      expect(row).not.toHaveProperty('preview');
    }
    const fetches = wrenCommands(USER, before).filter((c) => / FETCH .*ENVELOPE/.test(c) && c.includes('RFC822.SIZE'));
    expect(fetches.length).toBeGreaterThan(0);
    for (const c of fetches) expect(c).not.toMatch(/PREVIEW|SNIPPET/);
  });
});
