import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { ArchiveInput, CopyInput, MoveInput, Selection } from '@/lib/schemas';
import { AppError } from '../errors';
import type { Session } from '../session/session';
import { withSelection } from './access/message-access';
import { createArchiveFolder, findArchiveFolder, loadFolderIndex, samePath } from './access/special-folders';
import { transferMessages, uidSetOf } from './access/transfer';
import { forgetQuota } from './quota';
import { requireRights } from './access/rights';

// Moving out of a shared or public folder takes t and e there (RFC 6851: MOVE expunges).
const requireMoveOut = (client: ImapFlow, path: string) => requireRights(client, path, 'te', 'moveOut');
// Into one: i (COPY, APPEND and MOVE all insert). Checked first, for the clearer message:
// Dovecot's own refusal says only "Permission denied".
const requireInsert = (client: ImapFlow, path: string) => requireRights(client, path, 'i', 'addMessages');

export interface MoveResult {
  count: number;
  /** The moved messages in their new folder: moving it back to the source undoes the move. */
  undo: Selection | null;
}

export interface CopyResult {
  count: number;
  copied: Selection | null;
}

// The destination's display name, listed only when an error needs it.
function lazyFolderName(client: ImapFlow, path: string): () => Promise<string> {
  return async () => (await loadFolderIndex(client)).nameOf(path);
}

function assertNotSource(selection: Selection, destination: string, name = 'that folder') {
  if (samePath(selection.folder, destination)) throw new AppError('bad_request', { key: 'alreadyIn', values: { folder: name } });
}

/**
 * Moves a selection to `destination`: one UID MOVE, or UID COPY then removal of exactly the
 * copied originals on a server without MOVE. 404 for an unknown folder or a stale selection,
 * 507 when the destination is over quota (nothing is removed then).
 */
export async function moveMessages(session: Session, input: MoveInput): Promise<MoveResult> {
  const { selection, destination } = input;
  assertNotSource(selection, destination);
  forgetQuota(session);
  return withSelection(session, selection, async (client) => {
    await requireMoveOut(client, selection.folder);
    await requireInsert(client, destination);
    return transferMessages(client, uidSetOf(selection), destination, 'move', lazyFolderName(client, destination));
  });
}

/** Copies a selection to `destination` in one UID COPY; `copied` names the copies. */
export async function copyMessages(session: Session, input: CopyInput): Promise<CopyResult> {
  const { selection, destination } = input;
  forgetQuota(session);
  return withSelection(
    session,
    selection,
    async (client) => {
      await requireInsert(client, destination);
      const { count, undo } = await transferMessages(client, uidSetOf(selection), destination, 'copy', lazyFolderName(client, destination));
      return { count, copied: undo };
    },
    // Never retried: a COPY that reached the server before the connection dropped would be
    // made twice. (A retried move or delete finds the messages gone and does nothing.)
    { retry: false },
  );
}

/**
 * Moves a selection to the \Archive folder. Without one: 409 no_archive_folder, or with
 * `create` an "Archive" folder is created first (marked \Archive where the server can).
 */
export async function archiveMessages(session: Session, input: ArchiveInput): Promise<MoveResult> {
  const { selection } = input;
  return withSelection(session, selection, async (client) => {
    await requireMoveOut(client, selection.folder);
    const folders = await loadFolderIndex(client);
    let archive = findArchiveFolder(client, folders)?.path;
    if (!archive) {
      if (!input.create) throw new AppError('no_archive_folder');
      archive = await createArchiveFolder(client);
    }
    const name = folders.find(archive)?.name ?? 'Archive';
    assertNotSource(selection, archive, name);
    return transferMessages(client, uidSetOf(selection), archive, 'move', async () => name);
  });
}
