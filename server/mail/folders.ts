import 'server-only';
import { FULL_RIGHTS } from '@/lib/rights';
import type { FolderDto } from '@/lib/types';
import { myRights } from '../imap/commands/myrights';
import { withClient } from '../imap/pool';
import type { Session } from '../session/session';
import { hintedEntries, shareHints } from './access/share-hints';
import { filterSubscribed, sortFolders, toFolderDtos } from './dto/mappers';

/**
 * The folder tree with message and unread counts: subscribed folders (and what holds them in
 * the tree), or with `all` every folder. imapflow asks LIST ... RETURN (STATUS SUBSCRIBED)
 * when the server has LIST-STATUS and LIST-EXTENDED, so all of it comes in one round trip.
 * Shared and public folders come with the user's rights on them: one MYRIGHTS each (Dovecot 2.3
 * has no LIST-MYRIGHTS), unless `rights` is false (the live counts need none). Folders shared
 * with the user through Wren lately are added where LIST does not have them yet
 * (access/share-hints.ts).
 */
export async function listFolders(session: Session, opts: { all?: boolean; rights?: boolean } = {}): Promise<FolderDto[]> {
  const folders = await withClient(session, async (client) => {
    const entries = await client.list({ statusQuery: { messages: true, unseen: true } });
    if (opts.rights === false) return toFolderDtos(entries, client.namespaces);
    const hints = await shareHints(session.username);
    if (hints.length) entries.push(...(await hintedEntries(client, hints, entries)));
    const dtos = toFolderDtos(entries, client.namespaces);
    // One at a time: imapflow keeps one command in flight anyway. A folder gone since the LIST
    // (NO [NONEXISTENT]) is left with no rights.
    // Without ACL (RFC 4314) the rights are unknown: every action is offered, the server decides.
    const acl = client.capabilities.has('ACL');
    for (const folder of dtos) {
      if (folder.namespace !== 'personal' && folder.selectable) folder.rights = acl ? await myRights(client, folder.path).catch(() => '') : FULL_RIGHTS;
    }
    // A folder no longer shared can stay in an open session's LIST for a while (Dovecot's cache):
    // without the l right it is not shown.
    return dtos.filter((f) => f.namespace === 'personal' || !f.selectable || f.rights.includes('l'));
  });
  return sortFolders(opts.all ? folders : filterSubscribed(folders));
}
