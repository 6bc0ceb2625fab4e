import 'server-only';
import type { FolderDto } from '@/lib/types';
import { myRights } from '../imap/commands/myrights';
import { withClient } from '../imap/pool';
import type { Session } from '../session/session';
import { filterSubscribed, sortFolders, toFolderDtos } from './dto/mappers';

/**
 * The folder tree with message and unread counts: subscribed folders (and what holds them in
 * the tree), or with `all` every folder. imapflow asks LIST ... RETURN (STATUS SUBSCRIBED)
 * when the server has LIST-STATUS and LIST-EXTENDED, so all of it comes in one round trip.
 * Shared and public folders come with the user's rights on them: one MYRIGHTS each (Dovecot 2.3
 * has no LIST-MYRIGHTS), unless `rights` is false (the live counts need none).
 */
export async function listFolders(session: Session, opts: { all?: boolean; rights?: boolean } = {}): Promise<FolderDto[]> {
  const folders = await withClient(session, async (client) => {
    const entries = await client.list({ statusQuery: { messages: true, unseen: true } });
    const dtos = toFolderDtos(entries, client.namespaces);
    if (opts.rights === false) return dtos;
    // One at a time: imapflow keeps one command in flight anyway. A folder gone since the LIST
    // (NO [NONEXISTENT]) is left with no rights.
    for (const folder of dtos) {
      if (folder.namespace !== 'personal' && folder.selectable) folder.rights = await myRights(client, folder.path).catch(() => '');
    }
    return dtos;
  });
  return sortFolders(opts.all ? folders : filterSubscribed(folders));
}
