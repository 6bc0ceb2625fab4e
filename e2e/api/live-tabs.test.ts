import { describe, expect, it } from 'vitest';
import { poolStats } from '@/server/imap/pool';
import { rawImap, wrenCommands } from '../support/dovecot';
import { describeThreeTabs, mail, openStream, signInTabs, USER } from './live-tabs';

// The test Dovecot announces NOTIFY (scripts/dovecot.sh sets mailbox_list_index): one IMAP
// connection hears all three folders.
describeThreeTabs('GET /api/events with NOTIFY – every tab hears its own folder on the one connection', () => {
  expect(poolStats().byUser[USER]).toBe(1);
});

describe('GET /api/events with NOTIFY – the last tab closing', () => {
  it('ends NOTIFY on the IDLEing connection (a command sent through exec() under IDLE would wait for good and hold the connection busy)', async () => {
    const cookie = await signInTabs();
    const notifyNone = () => wrenCommands(USER).filter((line) => /^\S+ NOTIFY NONE$/.test(line)).length;
    const before = notifyNone();
    const stream = await openStream(cookie, 'Work');
    // IDLE starts as the stream's watch request ends; wait until the server has it.
    await expect.poll(() => wrenCommands(USER).at(-1), { timeout: 2000 }).toMatch(/^\S+ IDLE$/);
    stream.close();
    await expect.poll(notifyNone, { timeout: 2000 }).toBe(before + 1);
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
      await stream.waitFor((e) => e.type === 'folders' && e.folders.some((f) => f.path === 'INBOX' && f.total === total), since, 1500);
      // The Work tab hears nothing of INBOX's rows.
      expect(stream.received.some(({ event }) => 'folder' in event && event.folder === 'INBOX')).toBe(false);
    } finally {
      stream.close();
      await raw.logout().catch(() => undefined);
    }
  });
});
