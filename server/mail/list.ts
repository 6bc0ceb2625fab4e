import 'server-only';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ListQuery } from '@/lib/schemas';
import type { MessagePageDto } from '@/lib/types';
import { withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { toMessageSummaryDto } from './mappers';

/** Header items only: never a body in the list. */
const SUMMARY_QUERY = { uid: true, envelope: true, flags: true, internalDate: true, size: true, bodyStructure: true } as const;

/**
 * One window of a folder, newest first (arrival order). Only the `limit` messages at
 * `offset` from the newest are fetched, so a 100,000-message folder costs what a 100 does.
 */
export async function listMessages(session: Session, query: ListQuery): Promise<MessagePageDto> {
  return withMailbox(
    session,
    query.folder,
    async (client, mailbox) => {
      if (!client.capabilities.has('UIDPLUS')) return listUndeleted(client, mailbox, query);
      const total = mailbox.exists;
      const end = total - query.offset;
      if (end < 1) return { folder: query.folder, total, offset: query.offset, messages: [] };
      const start = Math.max(1, end - query.limit + 1);
      // Sequence numbers address positions in arrival order; the ids we hand out use UIDs.
      const fetched = await client.fetchAll(`${start}:${end}`, SUMMARY_QUERY);
      fetched.sort((a, b) => b.seq - a.seq);
      return {
        folder: query.folder,
        total,
        offset: query.offset,
        messages: fetched.map((msg) => toMessageSummaryDto(msg, query.folder, mailbox.uidValidity)),
      };
    },
    { sync: true },
  );
}

/**
 * Without UIDPLUS a move leaves its originals flagged \Deleted (a plain EXPUNGE would also
 * remove what other clients marked), so the list hides them: it searches the undeleted UIDs
 * and pages over those. Servers with UIDPLUS never take this path.
 */
async function listUndeleted(client: ImapFlow, mailbox: MailboxObject, query: ListQuery): Promise<MessagePageDto> {
  const uids = ((await client.search({ deleted: false }, { uid: true })) || []).sort((a, b) => b - a);
  const window = uids.slice(query.offset, query.offset + query.limit);
  const fetched = window.length ? await client.fetchAll(window.join(','), SUMMARY_QUERY, { uid: true }) : [];
  fetched.sort((a, b) => b.uid - a.uid);
  return {
    folder: query.folder,
    total: uids.length,
    offset: query.offset,
    messages: fetched.map((msg) => toMessageSummaryDto(msg, query.folder, mailbox.uidValidity)),
  };
}
