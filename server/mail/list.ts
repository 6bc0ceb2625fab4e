import 'server-only';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ListQuery } from '@/lib/schemas';
import type { MessagePageDto } from '@/lib/types';
import { withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { toMessageSummaryDto } from './mappers';
import { compileQuery } from './search-compiler';
import { parseQuery } from '@/lib/search-query';
import { AppError } from '../http/errors';

/** The query compiled to imapflow's search object, or a 400 that says what and where. */
function searchObjectOrThrow(q: string) {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new AppError('invalid_input', `${parsed.error.message} (at character ${parsed.error.position + 1})`);
  return compileQuery(parsed.ast, new Date());
}

/** Header items only: never a body in the list. */
const SUMMARY_QUERY = { uid: true, envelope: true, flags: true, internalDate: true, size: true, bodyStructure: true } as const;

/**
 * One window of a folder, newest first (arrival order). Only the `limit` messages at
 * `offset` from the newest are fetched, so a 100,000-message folder costs what a 100 does.
 * With `q`, the window is over the UIDs the server's SEARCH found (headers only again).
 */
export async function listMessages(session: Session, query: ListQuery): Promise<MessagePageDto> {
  // A query that does not parse is refused before the server is asked anything.
  const search = query.q?.trim() ? searchObjectOrThrow(query.q) : null;
  return withMailbox(
    session,
    query.folder,
    async (client, mailbox) => {
      if (search) return listByUids(client, mailbox, query, await client.search(search, { uid: true }));
      if (!client.capabilities.has('UIDPLUS')) return listByUids(client, mailbox, query, await client.search({ deleted: false }, { uid: true }));
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
 * A window over UIDs the server searched, newest first: search results, and on servers without
 * UIDPLUS the undeleted messages (a move there leaves its originals flagged \Deleted, since a
 * plain EXPUNGE would also remove what other clients marked).
 */
async function listByUids(
  client: ImapFlow,
  mailbox: MailboxObject,
  query: ListQuery,
  found: number[] | false | undefined,
): Promise<MessagePageDto> {
  const uids = (found || []).sort((a, b) => b - a);
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
