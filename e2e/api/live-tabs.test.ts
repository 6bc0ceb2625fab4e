import { expect } from 'vitest';
import { poolStats } from '@/server/imap/pool';
import { describeThreeTabs, USER } from './live-tabs';

// The test Dovecot announces NOTIFY (scripts/dovecot.sh sets mailbox_list_index): one IMAP
// connection hears all three folders.
describeThreeTabs('GET /api/events with NOTIFY – every tab hears its own folder on the one connection', () => {
  expect(poolStats().byUser[USER]).toBe(1);
});
