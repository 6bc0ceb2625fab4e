import 'server-only';
import type { FolderDto } from '@/lib/types';
import { withClient } from '../imap/pool';
import type { Session } from '../session/session';
import { sortFolders, toFolderDto } from './mappers';

/**
 * The folder tree with message and unread counts. imapflow asks LIST ... RETURN (STATUS)
 * when the server has LIST-STATUS, so the counts come in the same round trip.
 */
export async function listFolders(session: Session): Promise<FolderDto[]> {
  const entries = await withClient(session, (client) =>
    client.list({ statusQuery: { messages: true, unseen: true } }),
  );
  return sortFolders(entries.map(toFolderDto));
}
