import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { FolderDto, FolderRole } from '@/lib/types';
import { withClient } from '../../imap/pool';
import type { Session } from '../../session/session';
import { toFolderDtos } from '../dto/mappers';

/** Special-use folders by role, read once per request: a cache across requests would go stale. */

/** The name a folder gets when the user asks Wren to create the missing Archive. */
const ARCHIVE_FOLDER_NAME = 'Archive';

export interface FolderIndex {
  find(path: string): FolderDto | undefined;
  byRole(role: FolderRole): FolderDto | undefined;
  /** Display name for messages to the user: the role's name, else the last path segment. */
  nameOf(path: string): string;
}

/**
 * Whether two paths name one folder. imapflow reports INBOX as "INBOX" whatever case was
 * asked for; other names are case-sensitive.
 */
export function samePath(a: string, b: string): boolean {
  return a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');
}

/** Lists the account's folders once (one LIST) and indexes them by path and role. */
export async function loadFolderIndex(client: ImapFlow): Promise<FolderIndex> {
  const folders = toFolderDtos(await client.list(), client.namespaces);
  const find = (path: string) => folders.find((f) => samePath(f.path, path));
  return {
    find,
    byRole: (role) => folders.find((f) => f.role === role && f.selectable),
    nameOf: (path) => find(path)?.name ?? path.split(client.namespace?.delimiter || '/').pop() ?? path,
  };
}

/** The path of the folder with this role, or null when the account has none. */
export async function specialFolderPath(session: Session, role: FolderRole): Promise<string | null> {
  return withClient(session, async (client) => (await loadFolderIndex(client)).byRole(role)?.path ?? null);
}

function archivePath(client: ImapFlow): string {
  return `${client.namespace?.prefix ?? ''}${ARCHIVE_FOLDER_NAME}`;
}

/**
 * The \Archive folder; else the "Archive" folder Wren created on a server that could not mark
 * it (no CREATE-SPECIAL-USE), so the user is asked only once.
 */
export function findArchiveFolder(client: ImapFlow, index: FolderIndex): FolderDto | undefined {
  const named = index.find(archivePath(client));
  return index.byRole('archive') ?? (named?.selectable ? named : undefined);
}

interface ExecClient {
  exec(command: string, attributes: unknown[]): Promise<{ next(): void }>;
}

/**
 * Creates and subscribes the Archive folder, marked \Archive when the server can do that at
 * creation (RFC 6154 CREATE-SPECIAL-USE); a folder of that name that exists already is used.
 * Returns its path.
 */
export async function createArchiveFolder(client: ImapFlow): Promise<string> {
  const path = archivePath(client);
  if (!client.capabilities.has('CREATE-SPECIAL-USE')) {
    await client.mailboxCreate(path);
    return path;
  }
  // imapflow's mailboxCreate() takes no USE list, so the command goes through its exec(), which
  // every imapflow command is built on; it throws on NO, carrying the response code.
  try {
    const response = await (client as unknown as ExecClient).exec('CREATE', [
      { type: 'ATOM', value: path },
      [{ type: 'ATOM', value: 'USE' }, [{ type: 'ATOM', value: '\\Archive' }]],
    ]);
    response.next();
  } catch (error) {
    if ((error as { serverResponseCode?: string }).serverResponseCode !== 'ALREADYEXISTS') throw error;
  }
  await client.mailboxSubscribe(path);
  return path;
}
