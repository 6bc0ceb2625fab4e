import 'server-only';
import type { ListQuery } from '@/lib/schemas';
import type { MessagePageDto, MessageSummaryDto } from '@/lib/types';
import { supportsSort } from '../../imap/commands/sort';
import { withMailbox } from '../../imap/pool';
import type { Session } from '../../session/session';
import { toPageDto } from '../dto/mappers';
import { warmSanitizers } from '../html/sanitize-pool';
import { fetchRows, pageOfUids } from '../rows/fetch-rows';
import { conversationsFor } from './threads';

/** A conversation's row is built from at most its newest this many messages of the folder. */
export const ROW_MEMBERS_MAX = 100;

/** One row from a conversation's rows (newest first): the newest, with what any of them says. */
export function conversationRow(rows: MessageSummaryDto[], uids: number[]): MessageSummaryDto {
  const [newest] = rows;
  if (uids.length < 2) return newest;
  const participants = [...new Set(rows.toReversed().map((r) => r.from?.name || r.from?.address || ''))].filter(Boolean);
  return {
    ...newest,
    seen: rows.every((r) => r.seen),
    flagged: rows.some((r) => r.flagged),
    answered: rows.some((r) => r.answered),
    hasAttachments: rows.some((r) => r.hasAttachments),
    conversation: { uids, participants },
  };
}

/**
 * One window of a folder as conversations (#21): `offset` and `limit` count conversations,
 * newest first by their newest message. The rows of each conversation's messages come from the
 * same row cache and FETCH as the flat list (rows/fetch-rows.ts), in one UID FETCH.
 */
export async function listConversations(session: Session, query: ListQuery): Promise<MessagePageDto> {
  warmSanitizers();
  return withMailbox(session, query.folder, async (client, mailbox) => {
    // Without UIDPLUS, moved messages stay flagged \Deleted: that rare server gets the flat list.
    if (!client.capabilities.has('UIDPLUS')) {
      const undeleted = await client.search({ deleted: false }, { uid: true });
      return { ...(await pageOfUids(client, session.username, mailbox, query, (undeleted || []).sort((a, b) => b - a))), canSort: supportsSort(client) };
    }
    const { threads, total } = await conversationsFor(client, mailbox.exists, query.offset, query.limit);
    const page = threads.slice(query.offset, query.offset + query.limit);
    const wanted = page.flatMap((uids) => uids.slice(0, ROW_MEMBERS_MAX));
    const source = { username: session.username, path: query.folder, uidValidity: mailbox.uidValidity };
    const byUid = new Map<number, MessageSummaryDto>();
    if (wanted.length) for (const { row } of await fetchRows(client, wanted.join(','), source, { uid: true })) byUid.set(row.uid, row);
    const rows = page.flatMap((uids) => {
      const members = uids.flatMap((uid) => byUid.get(uid) ?? []);
      // Expunged meanwhile: the conversation is what is left of it.
      return members.length ? [conversationRow(members, members.length < 2 ? [members[0].uid] : members.map((m) => m.uid).concat(uids.slice(ROW_MEMBERS_MAX)))] : [];
    });
    // The Sort menu is offered as on the flat list: another order lists single messages.
    return { ...toPageDto(query.folder, total, query.offset, rows, mailbox), canSort: supportsSort(client) };
  });
}
