import 'server-only';
import type { DeleteInput, EmptyFolderInput } from '@/lib/schemas';
import { AppError } from '../errors';
import { withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { withSelection } from './access/message-access';
import { requireRights } from './access/rights';
import type { MoveResult } from './move';
import { forgetQuota } from './quota';
import { loadFolderIndex } from './access/special-folders';
import { expunge, expungeExactly, resolveUids, transferMessages, uidSetOf } from './access/transfer';

export interface DeleteResult extends MoveResult {
  permanent: boolean;
}

/**
 * Deletes a selection: moves it to the \Trash folder (undo names it there), or removes it for
 * good (\Deleted + UID EXPUNGE of exactly those UIDs) when asked or when it already is in
 * Trash or Junk. 409 no_trash_folder when there is no Trash to move to.
 */
export async function deleteMessages(session: Session, input: DeleteInput): Promise<DeleteResult> {
  const { selection } = input;
  forgetQuota(session);
  return withSelection(session, selection, async (client) => {
    // Out of a shared or public folder, to Trash or for good: RFC 4314's t (\Deleted) and e (EXPUNGE).
    await requireRights(client, selection.folder, 'te', 'deleteMessages');
    const folders = await loadFolderIndex(client);
    const role = folders.find(selection.folder)?.role;
    if (input.permanent || role === 'trash' || role === 'junk') {
      // Pinned to the UIDs that exist now: "1:*" must not take a message that arrives meanwhile.
      const uids = await resolveUids(client, uidSetOf(selection));
      await expungeExactly(client, uids);
      return { count: uids.length, undo: null, permanent: true };
    }
    const trash = folders.byRole('trash');
    if (!trash) throw new AppError('no_trash_folder');
    const moved = await transferMessages(client, uidSetOf(selection), trash.path, 'move', async () => trash.name);
    return { ...moved, permanent: false };
  });
}

/**
 * Permanently deletes every message of a Trash or Junk folder (403 for any other folder).
 * The count for the confirmation is the folder list's total; this answers how many went.
 */
export async function emptyFolder(session: Session, input: EmptyFolderInput): Promise<{ count: number }> {
  forgetQuota(session);
  return withMailbox(session, input.folder, async (client) => {
    const folders = await loadFolderIndex(client);
    const folder = folders.find(input.folder);
    if (folder?.role !== 'trash' && folder?.role !== 'junk') {
      throw new AppError('forbidden', { key: 'onlyTrashAndJunkCan' });
    }
    // Pinned to the messages there now: one that arrives while emptying was never confirmed.
    const uids = await resolveUids(client, '1:*');
    // Emptying is the one place a plain EXPUNGE (no UIDPLUS) is right: everything goes anyway.
    await expunge(client, uids);
    return { count: uids.length };
  });
}
