import { describe, expect, it } from 'vitest';
import { env } from '@/server/env';
import { poolStats } from '@/server/imap/pool';
import { rawImap } from '../support/dovecot';
import { describeThreeTabs, isChangeOf, mail, openStream, signInTabs, USER } from './live-tabs';

// The same three tabs on a Dovecot without NOTIFY (no mailbox list index: NONOTIFY_SERVER_* of
// the test stack). The server reads IMAP_PORT on the first request and caches it, and vitest
// runs each file in its own process.
const port = process.env.NONOTIFY_SERVER_PORT;
if (!port) throw new Error('NONOTIFY_SERVER_PORT is not set: restart the test stack (scripts/test-stack.sh start)');
process.env.IMAP_PORT = port;
process.env.DOVECOT_PORT = port;
process.env.DOVECOT_DIR = process.env.NONOTIFY_SERVER_DIR;

// Without NOTIFY each folder gets an IDLE connection: three, within the user's cap with one left
// for the search lane.
describeThreeTabs('GET /api/events without NOTIFY – every tab hears its own folder, within the connection cap', () => {
  const connections = poolStats().byUser[USER];
  expect(connections).toBe(3);
  expect(connections).toBeLessThan(env().IMAP_MAX_CONNECTIONS_PER_USER);
});

describe('GET /api/events without NOTIFY – more folders than the cap leaves for IDLE', () => {
  it('four tabs: the folders without an IDLE connection are polled, their tabs hear a new message within the poll interval and a second; the user keeps one connection free for searching', async () => {
    const raw = await rawImap(USER);
    const cookie = await signInTabs();
    const folders = ['INBOX', 'Work', 'Sent Messages', 'Archives'];
    for (const path of folders) if (path !== 'INBOX') await raw.mailboxCreate(path).catch(() => undefined);
    const streams = [];
    for (const folder of folders) streams.push(await openStream(cookie, folder));
    try {
      // The main connection and at most two watchers: at least one of the four folders is polled.
      expect(poolStats().byLane.watch).toBeLessThanOrEqual(2);
      expect(poolStats().byUser[USER]).toBeLessThan(env().IMAP_MAX_CONNECTIONS_PER_USER);
      const heard: Array<Promise<unknown>> = [];
      for (const [i, folder] of folders.entries()) {
        const since = Date.now();
        await raw.append(folder, mail(`Polled ${i} ${since}`));
        // Polling every 2 s (server/imap/watchers.ts), then the STATUS itself.
        heard.push(streams[i].waitFor(isChangeOf(folder), 3000, since));
      }
      await Promise.all(heard);
      expect(poolStats().byUser[USER]).toBeLessThan(env().IMAP_MAX_CONNECTIONS_PER_USER);
    } finally {
      for (const stream of streams) stream.close();
      await raw.logout().catch(() => undefined);
    }
  });
});
