import { describe, expect, it } from 'vitest';
import { poolStats } from '@/server/imap/pool';
import { wrenCommands } from '../support/dovecot';
import { describeThreeTabs, openStream, signInTabs, USER } from './live-tabs';

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
