import { describe, expect, it } from 'vitest';
import * as messagesRoute from '@/app/api/messages/route';
import type { MessagePageDto } from '@/lib/types';
import { poolStats } from '@/server/imap/pool';
import { rawImap, wrenCommands } from '../support/dovecot';
import { call } from './call';
import { describeThreeTabs, mail, openStream, signInTabs, USER } from './live-tabs';

// The test Dovecot announces NOTIFY (scripts/dovecot.sh sets mailbox_list_index): one IMAP
// connection hears all three folders.
describeThreeTabs('GET /api/events with NOTIFY – every tab hears its own folder on the one connection', () => {
  expect(poolStats().byUser[USER]).toBe(1);
});

describe('GET /api/events with NOTIFY – the last tab closing', () => {
  it('sets NOTIFY back to the selected folder alone on the IDLEing connection, and mail arriving later is still listed', async () => {
    const cookie = await signInTabs();
    const raw = await rawImap(USER);
    const list = async () => (await (await call(messagesRoute.GET, '/api/messages?folder=INBOX', { cookie })).json()) as MessagePageDto;
    // A command sent through exec() under IDLE would wait for good and hold the connection busy.
    const selectedOnly = () => wrenCommands(USER).filter((line) => /^\S+ NOTIFY SET \(SELECTED \(/.test(line)).length;
    const before = selectedOnly();
    try {
      await list();
      const stream = await openStream(cookie, 'INBOX');
      // IDLE starts as the stream's watch request ends; wait until the server has it.
      await expect.poll(() => wrenCommands(USER).at(-1), { timeout: 2000 }).toMatch(/^\S+ IDLE$/);
      stream.close();
      await expect.poll(selectedOnly, { timeout: 2000 }).toBe(before + 1);
      // NOTIFY NONE would also silence the selected folder: NOOP would then bring no EXISTS and
      // the list would never show this message.
      const subject = `After the last tab ${Date.now()}`;
      await raw.append('INBOX', mail(subject));
      await expect.poll(async () => (await list()).messages.some((m) => m.subject === subject), { timeout: 2000 }).toBe(true);
    } finally {
      await raw.logout().catch(() => undefined);
    }
  });
});

describe('GET /api/events with NOTIFY – INBOX is heard even when no tab shows it', () => {
  it('a tab on Work only: new Inbox mail moves the folder counts within a second and a half (not at the next 30 s refresh)', async () => {
    const cookie = await signInTabs();
    const raw = await rawImap(USER);
    const stream = await openStream(cookie, 'Work');
    try {
      const since = Date.now();
      const appended = await raw.append('INBOX', mail(`Inbox while on Work ${since}`));
      expect(appended && appended.uid).toBeGreaterThan(0);
      const status = await raw.status('INBOX', { messages: true });
      const total = status && status.messages;
      await stream.waitFor((e) => e.type === 'folders' && e.folders.some((f) => f.path === 'INBOX' && f.total === total), 1500, since);
      // The Work tab hears nothing of INBOX's rows.
      expect(stream.received.some(({ event }) => 'folder' in event && event.folder === 'INBOX')).toBe(false);
    } finally {
      stream.close();
      await raw.logout().catch(() => undefined);
    }
  });
});
