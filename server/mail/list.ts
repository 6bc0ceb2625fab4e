import 'server-only';
import type { ListQuery } from '@/lib/schemas';
import type { MessagePageDto } from '@/lib/types';
import { withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { toPageDto } from './dto/mappers';
import { warmSanitizers } from './html/sanitize-pool';
import { fetchRows, pageOfUids } from './rows/fetch-rows';

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
        return pageOfUids(client, session.username, mailbox, query, (undeleted || []).sort((a, b) => b - a));
      }
      const total = mailbox.exists;
      const end = total - query.offset;
      if (end < 1) return toPageDto(query.folder, total, query.offset, [], mailbox);
      const start = Math.max(1, end - query.limit + 1);
      // Sequence numbers address positions in arrival order; the ids we hand out use UIDs.
      const rows = await fetchRows(client, `${start}:${end}`, { username: session.username, path: query.folder, uidValidity: mailbox.uidValidity });
      rows.sort((a, b) => b.seq - a.seq);
      return toPageDto(query.folder, total, query.offset, rows.map((r) => r.row), mailbox);
    },
  );
}

