import 'server-only';
import type { ImapFlow } from 'imapflow';
import { lettersOf } from '@/lib/rights';
import type { FolderAclDeleteInput, FolderAclInput } from '@/lib/schemas';
import type { FolderAclDto } from '@/lib/types';
import { AppError } from '../errors';
import { deleteAcl } from '../imap/commands/deleteacl';
import { getAcl } from '../imap/commands/getacl';
import { setAcl } from '../imap/commands/setacl';
import { withClient } from '../imap/pool';
import type { Session } from '../session/session';
import { namespaceOf } from '../imap/namespaces';
import { noteShare } from './access/share-hints';

/**
 * Sharing a folder (RFC 4314): who has which rights (GETACL), give a user rights (SETACL) or
 * take them all away (DELETEACL). The server decides who may: the `a` right, which the user has
 * on their own folders and another user may give with "Manage sharing".
 */

function assertAcl(client: ImapFlow) {
  if (!client.capabilities.has('ACL')) throw new AppError('conflict', { key: 'thisMailServerDoesNot' });
}

// The server's refusal in the user's words: NOPERM (no `a` right) and NONEXISTENT.
function sharingError(error: unknown, path: string): unknown {
  const code = (error as { serverResponseCode?: string } | null)?.serverResponseCode?.toUpperCase();
  if (code === 'NOPERM') return new AppError('forbidden', { key: 'noSharingRight', values: { folder: path } }, { cause: error });
  if (code === 'NONEXISTENT' || code === 'TRYCREATE') return new AppError('not_found', { key: 'folderDoesNotExist' }, { cause: error });
  return error;
}

/** The folder's entries, without the user's own and the owner's (they have every right anyway). */
async function readAcl(session: Session, client: ImapFlow, path: string): Promise<FolderAclDto> {
  const owner = namespaceOf(client, path).owner;
  const entries = (await getAcl(client, path)).filter((e) => e.identifier !== session.username && e.identifier !== owner && e.identifier !== 'owner');
  entries.sort((a, b) => a.identifier.localeCompare(b.identifier));
  return { path, entries };
}

function withSharing(session: Session, path: string, fn: (client: ImapFlow) => Promise<FolderAclDto>): Promise<FolderAclDto> {
  return withClient(session, async (client) => {
    assertAcl(client);
    try {
      return await fn(client);
    } catch (error) {
      throw sharingError(error, path);
    }
  });
}

/** Who the folder is shared with, and their rights (letters). 403 without the `a` right. */
export async function getFolderAcl(session: Session, path: string): Promise<FolderAclDto> {
  return withSharing(session, path, (client) => readAcl(session, client, path));
}

/** Gives `identifier` exactly the rights named (plain words), replacing what they had; answers the new list. */
export async function shareFolder(session: Session, input: FolderAclInput): Promise<FolderAclDto> {
  if (input.identifier === session.username) throw new AppError('invalid_input', { key: 'identifierYouAlwaysHaveEvery' });
  return withSharing(session, input.path, async (client) => {
    await setAcl(client, input.path, input.identifier, lettersOf(input.rights));
    // The reader's open session would not list it yet (access/share-hints.ts).
    if (namespaceOf(client, input.path).kind === 'personal') await noteShare(input.identifier, { owner: session.username, path: input.path }, true);
    return readAcl(session, client, input.path);
  });
}

/** Takes every right `identifier` had on the folder away; answers the new list. */
export async function unshareFolder(session: Session, input: FolderAclDeleteInput): Promise<FolderAclDto> {
  return withSharing(session, input.path, async (client) => {
    await deleteAcl(client, input.path, input.identifier);
    await noteShare(input.identifier, { owner: session.username, path: input.path }, false);
    return readAcl(session, client, input.path);
  });
}
