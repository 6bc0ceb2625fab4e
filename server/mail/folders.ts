import 'server-only';
import type { FolderDto } from '@/lib/types';
import { withClient } from '../imap/pool';
import type { Session } from '../session/session';
import { filterSubscribed, sortFolders, toFolderDto } from './dto/mappers';

/**
 * The folder tree with message and unread counts: subscribed folders (and what holds them in
 * the tree), or with `all` every folder. imapflow asks LIST ... RETURN (STATUS SUBSCRIBED)
 * when the server has LIST-STATUS and LIST-EXTENDED, so all of it comes in one round trip.
 */
export async function listFolders(session: Session, opts: { all?: boolean } = {}): Promise<FolderDto[]> {
  const entries = await withClient(session, (client) =>
    client.list({ statusQuery: { messages: true, unseen: true } }),
  );
  const folders = entries.map(toFolderDto);
  return sortFolders(opts.all ? folders : filterSubscribed(folders));
}
