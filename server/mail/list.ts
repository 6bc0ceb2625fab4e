import 'server-only';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ListQuery } from '@/lib/schemas';
import { DEFAULT_SORT } from '@/lib/sort';
import type { MessagePageDto } from '@/lib/types';
import { supportsSort } from '../imap/commands/sort';
import { withClient, withMailbox } from '../imap/pool';
import { processGlobal } from '../process-global';
import type { Session } from '../session/session';
import { toPageDto } from './dto/mappers';
import { warmSanitizers } from './html/sanitize-pool';
import { fetchRows, pageOfUids } from './rows/fetch-rows';
import { oldestFirstPage, sortedPage } from './rows/sorted-page';

/**
 * One window of a folder in the order asked for (`query.sort`, default arrival, newest first).
 * Other orders need SORT (rows/sorted-page.ts); without it the folder lists in arrival order and
 * the page says so (`canSort: false`), so the list offers no other. Only the `limit` messages at
 * `offset` are fetched, so a 100,000-message folder costs what a 100 does.
 * (A search's window is server/mail/search.ts.)
 */
export async function listMessages(session: Session, query: ListQuery): Promise<MessagePageDto> {
  // A list comes before any open: the sanitizer thread loads jsdom meanwhile.
  warmSanitizers();
  return withMailbox(
    session,
    query.folder,
    async (client, mailbox) => {
      const canSort = supportsSort(client);
      const sort = canSort && query.sort ? query.sort : DEFAULT_SORT;
      const page =
        sort === DEFAULT_SORT
          ? await newestFirstPage(client, mailbox, session.username, query)
          : sort === 'arrival-asc' && client.capabilities.has('UIDPLUS')
            ? await oldestFirstPage(client, mailbox, session.username, query)
            : await sortedPage(client, mailbox, { sessionId: session.id, username: session.username }, query, sort);
      warmMessageFiles(session, mailbox);
      return { ...page, sort, canSort };
    },
  );
}

/*
 * Dovecot's first read of a message file after a SELECT costs what the folder's size costs
 * (Maildir: it reads the folder's whole UID list and directory, about 17 ms at 10,000 messages
 * and 250 ms at 100,000 on a quiet machine, up to a second when busy), then 1 ms a file. A list
 * reads no file, so the first message opened paid it. Once a list has selected a folder, one
 * byte of its newest message is read right after the list's own FETCH, while the answer goes out
 * and the user reads the list: the first open finds the list loaded. Asked from inside the list's
 * turn, so it is the next command in line on the connection: with a delay before it (it once
 * waited 50 ms), an open that came sooner paid the read itself, and at 100,000 messages the read
 * outlasted a quick click's pause (docs/PERFORMANCE.md, "#22 at 100,000 messages"). Skipped when
 * the connection has moved on (another folder, or the same one selected again: its own list
 * warms it).
 */
const warmed = processGlobal('warmedSelections', () => new WeakSet<MailboxObject>());

function warmMessageFiles(session: Session, mailbox: MailboxObject) {
  if (warmed.has(mailbox) || mailbox.exists === 0) return;
  warmed.add(mailbox);
  // Called while the list holds the mailbox: this waits for the list's lock to go and takes it
  // before any request that comes after the list's answer.
  void withClient(session, async (client) => {
    if (client.mailbox !== mailbox) return;
    const lock = await client.getMailboxLock(mailbox.path);
    try {
      if (client.mailbox === mailbox) await client.fetchOne('*', { bodyParts: [{ key: 'HEADER', start: 0, maxLength: 1 }] });
    } finally {
      lock.release();
    }
  }, { onlyIfConnected: true, retry: false }).catch(() => {});
}

/** Arrival order, newest first: the default, and the only order on a server without SORT. */
async function newestFirstPage(client: ImapFlow, mailbox: MailboxObject, username: string, query: ListQuery): Promise<MessagePageDto> {
  if (!client.capabilities.has('UIDPLUS')) {
    const undeleted = await client.search({ deleted: false }, { uid: true });
    return pageOfUids(client, username, mailbox, query, (undeleted || []).sort((a, b) => b - a));
  }
  const total = mailbox.exists;
  const end = total - query.offset;
  if (end < 1) return toPageDto(query.folder, total, query.offset, [], mailbox);
  const start = Math.max(1, end - query.limit + 1);
  // Sequence numbers address positions in arrival order; the ids we hand out use UIDs.
  const rows = await fetchRows(client, `${start}:${end}`, { username, path: query.folder, uidValidity: mailbox.uidValidity });
  rows.sort((a, b) => b.seq - a.seq);
  return toPageDto(query.folder, total, query.offset, rows.map((r) => r.row), mailbox);
}
