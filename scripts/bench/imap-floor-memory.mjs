// The floor under an idle Wren session's memory: what one open imapflow connection with the
// folder selected (and its first page fetched) costs, measured in this (the bench's) process, where a GC can be forced.
// An idle Wren session keeps such a connection (server/imap/pool.ts), so Wren cannot go below
// this figure without closing idle sessions' connections; the rest is Wren's own.
import v8 from 'node:v8';
import vm from 'node:vm';
import { floorClient } from './floor.mjs';

/** Live JS heap plus Buffers of this process after full GCs, in bytes. */
function liveBytes(gc) {
  gc();
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/**
 * KB per connection (heap + Buffers) and RSS KB per connection, over `count` connections: of
 * the target's user, or when `accounts` ({ user, pass }) are given, connection i as accounts[i].
 */
export async function measureImapflowFloor(target, folder, count, accounts = null) {
  // --expose-gc at run time: the harness process need not be started with it.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const clients = [];
  // As Wren creates its clients (server/imap/client-options.mjs).
  let opened = 0;
  const open = async () => {
    const account = accounts?.[opened++ % accounts.length];
    const client = floorClient(account ? { ...target, ...account } : target);
    clients.push(client);
    await client.connect();
    const mailbox = await client.mailboxOpen(folder);
    // Then the first page, as Wren's list does (server/mail/rows/fetch-rows.ts SUMMARY_QUERY); the answer is dropped.
    const start = Math.max(1, mailbox.exists - 49);
    if (mailbox.exists) await client.fetchAll(`${start}:*`, { uid: true, envelope: true, flags: true, internalDate: true, size: true, bodyStructure: true });
    return client;
  };
  // One connection first, so imapflow's lazily loaded code and tables do not count.
  await open().then((c) => c.logout());
  clients.length = 0;
  const before = liveBytes(gc);
  const rssBefore = process.memoryUsage().rss;
  try {
    for (let i = 0; i < count; i += 20) await Promise.all(Array.from({ length: Math.min(20, count - i) }, open));
    const after = liveBytes(gc);
    const rssAfter = process.memoryUsage().rss;
    return { heapKb: Math.round((after - before) / count / 102.4) / 10, rssKb: Math.round((rssAfter - rssBefore) / count / 102.4) / 10 };
  } finally {
    await Promise.all(clients.map((c) => c.logout().catch(() => c.close())));
  }
}
