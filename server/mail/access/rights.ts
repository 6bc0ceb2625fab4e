import 'server-only';
import type { ImapFlow } from 'imapflow';
import { hasRights, isReadOnly } from '@/lib/folder-rights';
import { AppError } from '../../errors';
import { myRights } from '../../imap/commands/myrights';
import { namespaceOf } from '../../imap/namespaces';

/**
 * What the user may do in a folder (RFC 4314), checked before acting in shared and public
 * folders. Dovecot refuses a MOVE, COPY into, DELETE or RENAME without the right (NO [NOPERM]),
 * but a STORE of a flag the user has no right to is answered OK and silently ignored: the
 * star would seem set and vanish at the next refresh. So flag changes and deletions there ask
 * MYRIGHTS first (one round trip) and answer 403 with the reason. The user's own folders
 * are not asked: every right is theirs, and the common path costs nothing more.
 */

// The user's own folders, and any folder on a server without ACL: nothing to ask.
const unchecked = (client: ImapFlow, path: string) => namespaceOf(client, path).kind === 'personal' || !client.capabilities.has('ACL');

/** What was refused, named in the messages of errors.rights* (lib/i18n/messages). */
export type RightsAction = 'deleteMessages' | 'markRead' | 'star' | 'markOrStar' | 'moveOut' | 'renameFolder' | 'deleteFolder' | 'addSubfolders' | 'addMessages';

/** The 403 for doing `doing` ("star messages") in `path` without the right, saying why. */
export function rightsRefusal(client: ImapFlow, path: string, rights: string, doing: RightsAction): AppError {
  const ns = namespaceOf(client, path);
  const name = path.slice(ns.root.length) || path;
  const values = { folder: name, doing, owner: ns.owner ?? '' };
  return new AppError('forbidden', { key: isReadOnly(rights) ? 'rightsReadOnly' : ns.owner ? 'rightsSharedWithout' : 'rightsNotGiven', values });
}

/** Throws 403 unless the user has every one of `letters` on `path` (see rightsRefusal). */
export async function requireRights(client: ImapFlow, path: string, letters: string, doing: RightsAction): Promise<void> {
  if (unchecked(client, path)) return;
  const rights = await myRights(client, path);
  if (!hasRights(rights, letters)) throw rightsRefusal(client, path, rights, doing);
}
