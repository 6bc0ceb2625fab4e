import { expect } from 'vitest';
import { env } from '@/server/env';
import { poolStats } from '@/server/imap/pool';
import { describeThreeTabs, USER } from './live-tabs';

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
