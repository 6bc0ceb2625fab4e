import 'server-only';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ListQuery } from '@/lib/schemas';
import type { MessagePageDto } from '@/lib/types';
import { withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { toFolderSyncDto, toMessageSummaryDto } from './mappers';
import { warmSanitizers } from './sanitize-pool';

/** Header items only: never a body in the list. */
export const SUMMARY_QUERY = { uid: true, envelope: true, flags: true, internalDate: true, size: true, bodyStructure: true } as const;

/**
 * One window of a folder, newest first (arrival order). Only the `limit` messages at
 * `offset` from the newest are fetched, so a 100,000-message folder costs what a 100 does.
 * (A search's window is server/mail/search.ts.)
 */
export async function listMessages(session: Session, query: ListQuery): Promise<MessagePageDto> {
  // A list comes before any open: the sanitizer thread loads jsdom meanwhile.
  warmSanitizers();
  return withMailbox(
    session,
    query.folder,
    async (client, mailbox) => {
      if (!client.capabilities.has('UIDPLUS')) {
        const undeleted = await client.search({ deleted: false }, { uid: true });
        return pageOfUids(client, mailbox, query, (undeleted || []).sort((a, b) => b - a));
      }
      const total = mailbox.exists;
      const end = total - query.offset;
      if (end < 1) return { folder: query.folder, total, offset: query.offset, messages: [], sync: toFolderSyncDto(mailbox) };
      const start = Math.max(1, end - query.limit + 1);
      // Sequence numbers address positions in arrival order; the ids we hand out use UIDs.
      const fetched = await client.fetchAll(`${start}:${end}`, SUMMARY_QUERY);
      fetched.sort((a, b) => b.seq - a.seq);
      return {
        folder: query.folder,
        total,
        offset: query.offset,
        messages: fetched.map((msg) => toMessageSummaryDto(msg, query.folder, mailbox.uidValidity)),
        sync: toFolderSyncDto(mailbox),
      };
    },
  );
}

/**
 * A window over UIDs the server searched (`uids` newest first): search results, and on servers
 * without UIDPLUS the undeleted messages (a move there leaves its originals flagged \Deleted,
 * since a plain EXPUNGE would also remove what other clients marked).
 */
export async function pageOfUids(
  client: ImapFlow,
  mailbox: MailboxObject,
  query: Pick<ListQuery, 'folder' | 'offset' | 'limit'>,
  uids: number[] | Uint32Array,
): Promise<MessagePageDto> {
  const window = Array.from(uids.slice(query.offset, query.offset + query.limit));
  const fetched = window.length ? await client.fetchAll(window.join(','), SUMMARY_QUERY, { uid: true }) : [];
  fetched.sort((a, b) => b.uid - a.uid);
  return {
    folder: query.folder,
    total: uids.length,
    offset: query.offset,
    messages: fetched.map((msg) => toMessageSummaryDto(msg, query.folder, mailbox.uidValidity)),
    sync: toFolderSyncDto(mailbox),
  };
}
