import 'server-only';
import type { ResultSetAction, ResultSetActionInput, Selection } from '@/lib/schemas';
import { AppError } from '../errors';
import { withClient } from '../imap/pool';
import type { Session } from '../session/session';
import { findArchiveFolder, loadFolderIndex, samePath, type FolderIndex } from './access/special-folders';
import { deleteMessages } from './delete';
import { setFlags } from './flags';
import { setJunk } from './junk';
import { archiveMessages, copyMessages, moveMessages, type MoveResult } from './move';
import { findResultSet, type PinnedFolder } from './search/result-sets';

export interface ResultSetActionResult {
  count: number;
  /**
   * One selection per folder the messages went to, each with the folder it came from: moving
   * each back undoes all that was done. Empty when the action cannot be undone.
   */
  undo: Array<{ undo: Selection; backTo: string }>;
  /** Some messages were deleted for good (results in Trash or Junk). */
  permanent: boolean;
  /** Folders where the action failed after others had succeeded: those stay as they were. */
  failed: Array<{ folder: string; message: string }>;
}

/**
 * Applies an action to every message of a search's pinned result set (search/result-sets.ts):
 * exactly the UIDs the search found, folder by folder, each through the usual operation and so
 * under its folder's UIDVALIDITY. Refused with 409 results_changed, before anything is done,
 * when the set expired, does not hold the `count` the user was shown, or one of its folders
 * was recreated since.
 */
export async function actOnResultSet(session: Session, input: ResultSetActionInput): Promise<ResultSetActionResult> {
  const set = await findResultSet(session.id, input.resultSet);
  if (!set || set.folders.reduce((sum, f) => sum + f.count, 0) !== input.count) throw new AppError('results_changed');
  const index = await checkFolders(session, set.folders);
  const result: ResultSetActionResult = { count: 0, undo: [], permanent: false, failed: [] };
  let firstError: unknown = null;
  // A move the server named no new UIDs for (no UIDPLUS) cannot be undone: then none is offered,
  // since a partial Undo would look like a whole one.
  let undoable = true;
  for (const pinned of set.folders) {
    if (alreadyThere(pinned.folder, input.action, index)) continue;
    const selection: Selection = { folder: pinned.folder, uidValidity: pinned.uidValidity, uids: pinned.uids };
    try {
      const done = await act(session, selection, pinned.count, input.action, index);
      result.count += done.count;
      if (done.undo) result.undo.push({ undo: done.undo, backTo: pinned.folder });
      else if (done.count > 0) undoable = false;
      if (done.permanent) result.permanent = true;
    } catch (error) {
      firstError ??= error;
      result.failed.push({ folder: pinned.folder, message: error instanceof AppError ? error.message : 'The action failed' });
    }
  }
  // Nothing done anywhere: the first refusal is the answer (over quota, no Archive folder...).
  if (firstError && result.count === 0 && result.failed.length === set.folders.length) throw firstError;
  return undoable ? result : { ...result, undo: [] };
}

/** The folder index, once every folder of the set is checked to have the UIDVALIDITY it had. */
async function checkFolders(session: Session, folders: PinnedFolder[]): Promise<IndexWithArchive> {
  return withClient(session, async (client) => {
    for (const { folder, uidValidity } of folders) {
      const status = await client.status(folder, { uidValidity: true }).catch(() => null);
      if (!status || status.uidValidity?.toString() !== uidValidity) throw new AppError('results_changed');
    }
    const index = await loadFolderIndex(client);
    return { ...index, archive: findArchiveFolder(client, index)?.path ?? null };
  });
}

type IndexWithArchive = FolderIndex & { archive: string | null };

// Results already in the folder a move would take them to are left where they are.
function alreadyThere(folder: string, action: ResultSetAction, index: IndexWithArchive): boolean {
  if (action.type === 'move' || action.type === 'copy') return samePath(folder, action.destination);
  if (action.type === 'archive') return !!index.archive && samePath(folder, index.archive);
  return false;
}

async function act(session: Session, selection: Selection, count: number, action: ResultSetAction, index: FolderIndex): Promise<MoveResult & { permanent?: boolean }> {
  switch (action.type) {
    case 'archive':
      return archiveMessages(session, { selection, create: action.create });
    case 'move':
      return moveMessages(session, { selection, destination: action.destination });
    case 'copy': {
      const { count: copied } = await copyMessages(session, { selection, destination: action.destination });
      return { count: copied, undo: null };
    }
    case 'delete':
      return deleteMessages(session, { selection, permanent: action.permanent });
    case 'junk':
      return setJunk(session, { selection, junk: index.find(selection.folder)?.role !== 'junk' });
    case 'flags': {
      await setFlags(session, { selection, seen: action.seen, flagged: action.flagged });
      // Flags have no undo; the count is the pinned set's.
      return { count, undo: null };
    }
  }
}
