import 'server-only';
import type { FolderChangesDto } from '@/lib/types';
import { withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { fetchRows } from './rows/fetch-rows';
import { toFolderSyncDto } from './dto/mappers';

/**
 * What changed in a folder since the browser's sync point, for catching up after a gap (sleep,
 * network loss, a restart): UID FETCH 1:* (CHANGEDSINCE <modseq> VANISHED), so only the changed
 * and new messages are fetched (headers only) and the expunged ones come back as UIDs. A changed
 * UIDVALIDITY, or a server without CONDSTORE, answers `reset`: the folder is reloaded.
 */
export async function listChanges(session: Session, query: { folder: string; uidValidity: string; modseq: string }): Promise<FolderChangesDto> {
  return withMailbox(session, query.folder, async (client, mailbox) => {
    const sync = toFolderSyncDto(mailbox);
    const base = { folder: query.folder, sync, total: mailbox.exists, changed: [], vanished: [] };
    if (sync.uidValidity !== query.uidValidity || sync.highestModseq === null) return { ...base, reset: true };
    if (sync.highestModseq === query.modseq || !mailbox.exists) return { ...base, reset: false };
    const vanished: number[] = [];
    const onExpunge = (d: { path: string; uid?: number; earlier?: boolean }) => {
      if (d.earlier && d.uid && d.path === mailbox.path) vanished.push(d.uid);
    };
    client.on('expunge', onExpunge);
    try {
      const source = { username: session.username, path: query.folder, uidValidity: mailbox.uidValidity };
      const changed = (await fetchRows(client, '1:*', source, { uid: true, changedSince: BigInt(query.modseq) })).map((r) => r.row);
      changed.sort((a, b) => b.uid - a.uid);
      return {
        ...base,
        reset: false,
        total: mailbox.exists,
        changed,
        vanished,
      };
    } finally {
      client.off('expunge', onExpunge);
    }
  }, { reselect: true });
}
