import 'server-only';
import type { ImapFlow, ListResponse } from 'imapflow';
import { folderNameIssue, type CreateFolderInput, type RenameFolderInput, type SubscriptionInput } from '@/lib/schemas';
import type { FolderDto } from '@/lib/types';
import { AppError, folderNameError, type ErrorText } from '../errors';
import { withClient, withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { toFolderDto } from './dto/mappers';
import { samePath } from './access/special-folders';
import { namespaceOf } from '../imap/namespaces';
import { requireRights } from './access/rights';

/** Folder management: create, rename, delete, subscribe. Special-use folders stay as they are. */

function findOrThrow(entries: ListResponse[], path: string, message: ErrorText = { key: 'folderDoesNotExist' }): ListResponse {
  const entry = entries.find((e) => samePath(e.path, path));
  if (!entry) throw new AppError('not_found', message);
  return entry;
}

function isInside(path: string, ancestor: ListResponse): boolean {
  return !!ancestor.delimiter && path.startsWith(ancestor.path + ancestor.delimiter);
}

// The schema's own rules again, with the server's delimiter, which the schema cannot know.
function checkName(name: string, delimiter: string | null | undefined) {
  const issue = folderNameIssue(name, delimiter ?? undefined);
  if (issue) throw folderNameError(issue);
}

function conflict(name: string): AppError {
  return new AppError('conflict', { key: 'folderExists', values: { name } });
}

/**
 * INBOX and special-use folders are fixed: Wren and other clients find Sent, Drafts and Trash
 * by role, and a renamed parent would carry a special-use folder inside it away too.
 */
async function assertChangeable(client: ImapFlow, entries: ListResponse[], entry: ListResponse, verb: 'renamed' | 'deleted') {
  const own = toFolderDto(entry, client.namespaces);
  if (own.role) throw new AppError('forbidden', { key: 'roleFolderFixed', values: { folder: own.name, verb } });
  const special = entries.filter((e) => isInside(e.path, entry)).map((e) => toFolderDto(e, client.namespaces)).find((f) => f.role);
  if (special) throw new AppError('forbidden', { key: 'holdsRoleFolder', values: { folder: entry.name, special: special.name, verb } });
  // Another user's or a public folder: RFC 4314's x right (RENAME and DELETE both need it).
  await requireRights(client, entry.path, 'x', verb === 'renamed' ? 'renameFolder' : 'deleteFolder');
}

// The server's word on a name it will not take beats a 500. Dovecot: "[CANNOT] Invalid mailbox
// name: ...", and "[ALREADYEXISTS]" when another client took the name since we listed.
function nameRefusalError(error: unknown, name: string): unknown {
  const e = error as { serverResponseCode?: string; responseText?: string } | null;
  if (e?.serverResponseCode === 'ALREADYEXISTS') return conflict(name);
  if (e?.serverResponseCode === 'CANNOT') {
    // Dovecot appends its timing, "(0.001 + 0.000 secs).", which says nothing to a user.
    const reason = (e.responseText ?? '').replace(/\s*\([^()]*secs\)\.?\s*$/, '').trim();
    return new AppError('invalid_input', reason ? { key: 'nameRefusedBecause', values: { name, reason } } : { key: 'nameRefused', values: { name } }, { cause: error });
  }
  return error;
}

async function folderDtoOrThrow(client: ImapFlow, path: string): Promise<FolderDto> {
  const entries = await client.list({ statusQuery: { messages: true, unseen: true } });
  return toFolderDto(findOrThrow(entries, path), client.namespaces);
}

/**
 * Creates folder `name` inside `parent` (at the top level when null) and subscribes to it.
 * 404 for an unknown parent, 409 when the name is taken, 400 for a name the server refuses.
 */
export async function createFolder(session: Session, input: CreateFolderInput): Promise<FolderDto> {
  // Never retried: a CREATE that reached the server before the connection dropped would come
  // back as a 409 for a folder that was in fact made.
  return withClient(
    session,
    async (client) => {
      const entries = await client.list();
      const parent = input.parent === null ? null : findOrThrow(entries, input.parent, { key: 'parentFolderGone' });
      const delimiter = parent ? parent.delimiter : client.namespace?.delimiter;
      if (parent && !delimiter) throw new AppError('invalid_input', { key: 'theMailServerDoesNot' });
      checkName(input.name, delimiter);
      if (parent) await requireRights(client, parent.path, 'k', 'addSubfolders');
      const path = parent ? `${parent.path}${delimiter}${input.name}` : input.name;
      if (entries.some((e) => samePath(e.path, path))) throw conflict(input.name);
      // imapflow's CREATE subscribes to the new folder too, so the default tree shows it.
      const created = await client.mailboxCreate(path).catch((error: unknown) => {
        throw nameRefusalError(error, input.name);
      });
      // ALREADYEXISTS comes back as created: false, not as an error.
      if (!created.created) throw conflict(input.name);
      return folderDtoOrThrow(client, created.path);
    },
    { retry: false },
  );
}

// RFC 3501 leaves subscriptions behind on RENAME (Dovecot does): carry over those of the
// folder and of every subfolder that moved with it, so the tree looks the same afterwards.
async function moveSubscriptions(client: ImapFlow, entries: ListResponse[], from: ListResponse, newPath: string) {
  for (const entry of entries) {
    if (!entry.subscribed || !(entry.path === from.path || isInside(entry.path, from))) continue;
    await client.mailboxUnsubscribe(entry.path);
    await client.mailboxSubscribe(newPath + entry.path.slice(from.path.length));
  }
}

/**
 * Renames the last segment of `path` to `name`; subfolders, messages and subscriptions move
 * with it. 403 for INBOX and special-use folders, 404 when unknown, 409 when the name is taken.
 */
export async function renameFolder(session: Session, input: RenameFolderInput): Promise<FolderDto> {
  // Under the INBOX lock: no other request on this connection has the folder selected while it
  // moves, and imapflow never has to UNSELECT it from under one. Not retried, as for CREATE.
  return withMailbox(
    session,
    'INBOX',
    async (client) => {
      const entries = await client.list();
      const entry = findOrThrow(entries, input.path);
      await assertChangeable(client, entries, entry, 'renamed');
      checkName(input.name, entry.delimiter);
      const newPath = entry.parentPath ? `${entry.parentPath}${entry.delimiter}${input.name}` : input.name;
      if (newPath !== entry.path) {
        if (entries.some((e) => samePath(e.path, newPath))) throw conflict(input.name);
        await client.mailboxRename(entry.path, newPath).catch((error: unknown) => {
          throw nameRefusalError(error, input.name);
        });
        await moveSubscriptions(client, entries, entry, newPath);
      }
      return folderDtoOrThrow(client, newPath);
    },
    { retry: false },
  );
}

/**
 * Deletes folder `path` with its messages and answers how many there were. 403 for INBOX and
 * special-use folders, 404 when unknown, 409 when it has subfolders.
 */
export async function deleteFolder(session: Session, path: string): Promise<{ deleted: string; messages: number }> {
  // Under the INBOX lock and never retried, for the reasons given at renameFolder.
  return withMailbox(
    session,
    'INBOX',
    async (client) => {
      const entries = await client.list({ statusQuery: { messages: true } });
      const entry = findOrThrow(entries, path);
      await assertChangeable(client, entries, entry, 'deleted');
      // IMAP would delete the messages and leave a \Noselect shell holding the subfolders:
      // refuse rather than delete mail, or leave folders, that the user was not warned about.
      if (entries.some((e) => isInside(e.path, entry))) {
        throw new AppError('conflict', { key: 'hasSubfolders', values: { folder: entry.name } });
      }
      await client.mailboxDelete(entry.path);
      // Dovecot (as RFC 3501 allows) keeps a deleted folder's subscription, which other clients
      // then show as a ghost folder.
      await client.mailboxUnsubscribe(entry.path);
      return { deleted: entry.path, messages: entry.status?.messages ?? 0 };
    },
    { retry: false },
  );
}

/**
 * Subscribes to or unsubscribes from folder `path`. 404 when unknown; 403 when unsubscribing
 * INBOX or a special-use folder, which Wren always shows (Dovecot's `auto = subscribe` keeps
 * them subscribed anyway).
 */
export async function setSubscription(session: Session, input: SubscriptionInput): Promise<SubscriptionInput> {
  return withClient(session, async (client) => {
    const entry = findOrThrow(await client.list(), input.path);
    if (namespaceOf(client, entry.path).kind !== 'personal') {
      throw new AppError('forbidden', { key: 'sharedAndPublicFoldersAre' });
    }
    const folder = toFolderDto(entry, client.namespaces);
    if (!input.subscribed && folder.role) {
      throw new AppError('forbidden', { key: 'alwaysShown', values: { folder: folder.name } });
    }
    const done = input.subscribed ? await client.mailboxSubscribe(entry.path) : await client.mailboxUnsubscribe(entry.path);
    // imapflow reports a refused (UN)SUBSCRIBE as false, not as an error.
    if (!done) throw new AppError('internal', { key: 'theMailServerRefusedTo' });
    return { path: entry.path, subscribed: input.subscribed };
  });
}
