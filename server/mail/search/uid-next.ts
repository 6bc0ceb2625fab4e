import 'server-only';
import type { ImapFlow, MailboxObject } from 'imapflow';

/*
 * The folder search's result-cache key holds imapflow's uidNext, which a NOOP does not move (an
 * EXISTS names no UID): a message moved out and back in (an undo) would leave the key as it was.
 * Fetching the newest message's UID moves it. That FETCH is needed only when the connection has
 * heard of a change (EXISTS, EXPUNGE or VANISHED) since uidNext was last made current on this
 * selection of the folder: on a search lane the prepare readied (POST /api/search/prepare
 * fetched the newest UID) and that heard nothing since, the session's first search skips it, as
 * does a later search of an unchanged folder: one round trip less each (docs/PERFORMANCE.md).
 */

/** Changes each connection has heard, counted from its first use here. */
const heard = new WeakMap<ImapFlow, { count: number }>();
/** Per selection (imapflow makes a new mailbox object on each SELECT): the count when uidNext was made current. */
const currentAt = new WeakMap<MailboxObject, number>();

function changesHeard(client: ImapFlow): number {
  let counter = heard.get(client);
  if (!counter) {
    const created = { count: 0 };
    const bump = () => void created.count++;
    // imapflow emits these synchronously while it reads the untagged answers, before the
    // command that brought them resolves.
    client.on('exists', bump);
    client.on('expunge', bump);
    heard.set(client, created);
    counter = created;
  }
  return counter.count;
}

/**
 * Makes `mailbox.uidNext` current (the selected folder of `client`, caught up with NOOP or just
 * selected): fetches the newest UID unless nothing was heard since it was last fetched on this
 * selection. Changes heard during the FETCH count as unseen: the next call fetches again.
 */
export async function makeUidNextCurrent(client: ImapFlow, mailbox: MailboxObject): Promise<void> {
  const before = changesHeard(client);
  // Without UIDPLUS the cache key also follows HIGHESTMODSEQ, which only this FETCH moves: always sent.
  if (currentAt.get(mailbox) === before && client.capabilities.has('UIDPLUS')) return;
  if (mailbox.exists > 0) await client.fetchOne('*', { uid: true });
  currentAt.set(mailbox, before);
}
