import 'server-only';
import type { FetchMessageObject, ListResponse, MailboxObject, MessageAddressObject, NamespacesObject } from 'imapflow';
import { FULL_RIGHTS } from '@/lib/rights';
import { encodeMessageId } from '@/lib/message-id';
import type { AddressDto, AttachmentDto, FolderDto, FolderRole, FolderSyncDto, LiveEventDto, MessageBodyDto, MessageDto, MessagePageDto, MessageSummaryDto } from '@/lib/types';
import type { MailEvent } from '../../imap/events';
import type { FixedRow } from '../rows/row-cache';
import { hasAttachments } from '../mime/structure';
import { plannedSection } from '../mime/read-part';
import { isNamespaceRoot, namespaceOfPath } from '../../imap/namespaces';

/** imapflow's wire objects to Wren's DTOs: the only place they meet. */

const ROLE_BY_SPECIAL_USE: Record<string, FolderRole> = {
  '\\Inbox': 'inbox',
  '\\Drafts': 'drafts',
  '\\Sent': 'sent',
  '\\Archive': 'archive',
  '\\Junk': 'junk',
  '\\Trash': 'trash',
};

export const ROLE_ORDER: FolderRole[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

const ROLE_NAMES: Record<FolderRole, string> = {
  inbox: 'Inbox',
  drafts: 'Drafts',
  sent: 'Sent',
  archive: 'Archive',
  junk: 'Junk',
  trash: 'Trash',
};

/**
 * A LIST entry as the tree shows it. `namespaces` (the client's NAMESPACE answer) tells shared
 * and public folders apart: they have no role (another user's Sent is not the user's), their
 * depth counts from their namespace's root, and they are always shown. `rights` is filled in
 * by the folder list (MYRIGHTS) for those; the user's own folders have every right.
 */
export function toFolderDto(entry: ListResponse, namespaces?: Pick<NamespacesObject, 'other' | 'shared'>): FolderDto {
  const ns = namespaceOfPath(entry.path, namespaces);
  const personal = ns.kind === 'personal';
  const isInbox = personal && entry.path.toUpperCase() === 'INBOX';
  const role = !personal ? null : isInbox ? 'inbox' : (entry.specialUse && ROLE_BY_SPECIAL_USE[entry.specialUse]) || null;
  const flags = entry.flags ?? new Set<string>();
  const depth = entry.parent?.length ?? 0;
  const rootDepth = ns.root && entry.delimiter ? ns.root.split(entry.delimiter).length - 1 : 0;
  return {
    path: entry.path,
    // Another user's INBOX reads as theirs under their name: "Inbox".
    name: role ? ROLE_NAMES[role] : !personal && entry.name.toUpperCase() === 'INBOX' && depth === rootDepth ? 'Inbox' : entry.name,
    delimiter: entry.delimiter || '/',
    depth: Math.max(0, depth - rootDepth),
    parentPath: entry.parentPath && !isNamespaceRoot(entry.parentPath, namespaces) ? entry.parentPath : null,
    role,
    selectable: !flags.has('\\Noselect') && !flags.has('\\NonExistent'),
    total: entry.status?.messages ?? null,
    unread: entry.status?.unseen ?? null,
    // INBOX is always shown (RFC 3501 does not let it be hidden by a subscription).
    subscribed: isInbox || !personal || entry.subscribed === true,
    namespace: ns.kind,
    owner: ns.owner,
    rights: personal ? FULL_RIGHTS : '',
  };
}

/** The entries the tree shows, without the nodes that only hold a namespace (shared, shared/ana, Public). */
export function toFolderDtos(entries: ListResponse[], namespaces?: Pick<NamespacesObject, 'other' | 'shared'>): FolderDto[] {
  return entries.filter((e) => !isNamespaceRoot(e.path, namespaces)).map((e) => toFolderDto(e, namespaces));
}

/**
 * The folders a default (subscribed-only) tree shows: subscribed ones, INBOX, and every
 * ancestor of a subscribed one, kept with `subscribed: false` so the tree holds together.
 */
export function filterSubscribed(folders: FolderDto[]): FolderDto[] {
  const byPath = new Map(folders.map((f) => [f.path, f]));
  const keep = new Set<string>();
  for (const folder of folders) {
    if (!folder.subscribed) continue;
    for (let f: FolderDto | undefined = folder; f && !keep.has(f.path); f = f.parentPath ? byPath.get(f.parentPath) : undefined) {
      keep.add(f.path);
    }
  }
  return folders.filter((f) => keep.has(f.path));
}

/**
 * Tree order: the user's own folders, then those shared by each other user (by owner), then
 * public ones. Within each: role folders first in a fixed order whatever the server calls
 * them, then the rest by name; each folder directly followed by its children.
 */
export function sortFolders(folders: FolderDto[]): FolderDto[] {
  const byParent = new Map<string | null, FolderDto[]>();
  const paths = new Set(folders.map((f) => f.path));
  for (const folder of folders) {
    // A child whose parent is not listed hangs at the top level rather than vanishing.
    const parent = folder.parentPath && paths.has(folder.parentPath) ? folder.parentPath : null;
    if (!byParent.has(parent)) byParent.set(parent, []);
    byParent.get(parent)!.push(folder);
  }
  const group = (f: FolderDto) => (f.namespace === 'personal' ? 0 : f.namespace === 'shared' ? 1 : 2);
  const rank = (f: FolderDto) => (f.role ? ROLE_ORDER.indexOf(f.role) : ROLE_ORDER.length);
  const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });
  const compare = (a: FolderDto, b: FolderDto) =>
    group(a) - group(b) || byName(a.owner ?? '', b.owner ?? '') || rank(a) - rank(b) || byName(a.name, b.name);
  const out: FolderDto[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const folder of (byParent.get(parent) ?? []).sort(compare)) {
      out.push({ ...folder, depth });
      visit(folder.path, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

export function toAddressDto(a: MessageAddressObject): AddressDto {
  return { name: (a.name ?? '').trim(), address: (a.address ?? '').trim() };
}

export function toAddressList(list: MessageAddressObject[] | undefined): AddressDto[] {
  return (list ?? []).map(toAddressDto).filter((a) => a.name || a.address);
}

export function toIsoDate(value: Date | string | undefined): string {
  const date = value instanceof Date ? value : value ? new Date(value) : new Date(0);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

/**
 * The part of a row that never changes while the UID is valid (cached: rows/row-cache.ts), with
 * the preview where the FETCH brought one (server/imap/commands/fetch-preview.ts).
 */
export function toFixedRow(msg: FetchMessageObject & { preview?: string }): FixedRow {
  const from = toAddressList(msg.envelope?.from)[0] ?? toAddressList(msg.envelope?.sender)[0] ?? null;
  return {
    from,
    subject: msg.envelope?.subject ?? '',
    date: toIsoDate(msg.internalDate ?? msg.envelope?.date),
    size: msg.size ?? 0,
    hasAttachments: hasAttachments(msg.bodyStructure),
    ...(msg.preview ? { preview: msg.preview } : {}),
    shown: plannedSection(msg.bodyStructure),
  };
}

/** The flags a row or an open message shows, from a FETCH's FLAGS (none: all false). */
export function flagsDto(flags: ReadonlySet<string> | readonly string[] | undefined): { seen: boolean; flagged: boolean; answered: boolean } {
  const has = (flag: string) => (flags instanceof Set ? flags.has(flag) : !!(flags as readonly string[] | undefined)?.includes(flag));
  return { seen: has('\\Seen'), flagged: has('\\Flagged'), answered: has('\\Answered') };
}

/** A list row: the fixed part with the message's flags as `msg` (a FETCH with FLAGS) has them now. */
export function toRowDto(fixed: FixedRow, msg: Pick<FetchMessageObject, 'uid' | 'flags'>, path: string, uidValidity: bigint): MessageSummaryDto {
  return {
    id: encodeMessageId({ path, uidValidity: uidValidity.toString(), uid: msg.uid }),
    folder: path,
    uid: msg.uid,
    // Not `...fixed`: its `shown` is the server's own (row-cache.ts).
    from: fixed.from,
    subject: fixed.subject,
    date: fixed.date,
    size: fixed.size,
    hasAttachments: fixed.hasAttachments,
    ...(fixed.preview !== undefined ? { preview: fixed.preview } : {}),
    ...flagsDto(msg.flags),
  };
}

export function toFolderSyncDto(mailbox: MailboxObject): FolderSyncDto {
  return {
    uidValidity: mailbox.uidValidity.toString(),
    uidNext: mailbox.uidNext,
    highestModseq: mailbox.noModseq || !mailbox.highestModseq ? null : mailbox.highestModseq.toString(),
  };
}

/** An opened message (`msg`: ENVELOPE, FLAGS, INTERNALDATE) with the body shown and its attachments. */
export function toMessageDto(id: string, path: string, msg: FetchMessageObject, body: MessageBodyDto, attachments: AttachmentDto[]): MessageDto {
  const envelope = msg.envelope ?? {};
  return {
    id,
    folder: path,
    from: toAddressList(envelope.from),
    to: toAddressList(envelope.to),
    cc: toAddressList(envelope.cc),
    replyTo: toAddressList(envelope.replyTo),
    subject: envelope.subject ?? '',
    date: toIsoDate(envelope.date ?? msg.internalDate),
    ...flagsDto(msg.flags),
    body,
    attachments,
  };
}

/** A window of a folder's rows (`messages`, already mapped) with the folder's sync point. */
export function toPageDto(folder: string, total: number, offset: number, messages: MessageSummaryDto[], mailbox: MailboxObject): MessagePageDto {
  return { folder, total, offset, messages, sync: toFolderSyncDto(mailbox) };
}

/** A change the IMAP connection heard of, as the event the browser gets. */
export function toLiveEventDto(event: Exclude<MailEvent, { type: 'closed' }>): LiveEventDto {
  if (event.type === 'exists') return { type: 'exists', folder: event.path, count: event.count };
  if (event.type === 'expunge') return { type: 'expunge', folder: event.path, uid: event.uid };
  if (event.type === 'changed') return { type: 'changed', folder: event.path };
  return { type: 'flags', folder: event.path, uid: event.uid, ...flagsDto(event.flags) };
}
