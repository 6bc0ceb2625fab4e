import 'server-only';
import type { JunkInput } from '@/lib/schemas';
import { toUidSet } from '@/lib/selection';
import { AppError } from '../errors';
import type { Session } from '../session/session';
import { withSelection } from './access/message-access';
import { requireRights } from './access/rights';
import type { MoveResult } from './move';
import { loadFolderIndex, samePath } from './access/special-folders';
import { resolveUids, transferMessages, uidSetOf } from './access/transfer';

// The keywords spam filters learn from (RFC 5788 registry; Thunderbird, Apple Mail, rspamd).
const JUNK = '$Junk';
const NOT_JUNK = '$NotJunk';

/**
 * Reports a selection as junk (moved to the \Junk folder, flagged $Junk) or as not junk
 * (moved to INBOX, flagged $NotJunk); the opposite keyword is removed. Messages already in
 * the target folder only get the keywords.
 */
export async function setJunk(session: Session, input: JunkInput): Promise<MoveResult> {
  const { selection } = input;
  return withSelection(session, selection, async (client) => {
    const folders = await loadFolderIndex(client);
    const target = input.junk ? folders.byRole('junk') : folders.find('INBOX');
    if (!target) throw new AppError('conflict', { key: 'thisAccountHasNoJunk2' });
    // Out of a shared or public folder into the user's own Junk (or Inbox): t and e there.
    await requireRights(client, selection.folder, 'te', 'moveOut');
    // Pinned first, so the keywords go to exactly the messages that are moved.
    const uids = await resolveUids(client, uidSetOf(selection));
    if (!uids.length) return { count: 0, undo: null };
    const uidSet = toUidSet(uids);
    // Set in the source, before the move, because keywords travel with the message. They are
    // advice to a filter: a server that takes no keywords (no \* in PERMANENTFLAGS) still
    // gets the move, so their result is not checked.
    await client.messageFlagsAdd(uidSet, [input.junk ? JUNK : NOT_JUNK], { uid: true, silent: true });
    await client.messageFlagsRemove(uidSet, [input.junk ? NOT_JUNK : JUNK], { uid: true, silent: true });
    if (samePath(target.path, selection.folder)) return { count: uids.length, undo: null };
    return transferMessages(client, uidSet, target.path, 'move', async () => target.name);
  });
}
