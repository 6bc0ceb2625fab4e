import 'server-only';
import type { SearchObject } from 'imapflow';
import type { ConversationDto, MessageSummaryDto } from '@/lib/types';
import { withClient, withMailbox } from '../../imap/pool';
import type { Session } from '../../session/session';
import { AppError } from '../../errors';
import { fetchMessageOrThrow, parseMessageIdOrThrow } from '../access/message-access';
import { findArchiveFolder, loadFolderIndex, samePath } from '../access/special-folders';
import { fetchRows } from '../rows/fetch-rows';
import { threadHeadersOf } from './group';

/**
 * Opening a conversation (#21): its messages in the message's folder, Sent and Archive, found by
 * Message-ID and References with UID SEARCH HEADER, never by subject. Bounded: at most
 * FOLDERS_MAX folders, in each the newest SEARCH_SPAN messages searched and the newest
 * MESSAGES_PER_FOLDER matches kept, at most IDS_MAX Message-IDs asked for.
 */
export const FOLDERS_MAX = 3;
export const SEARCH_SPAN = 5000;
export const MESSAGES_PER_FOLDER = 50;
export const IDS_MAX = 6;

/** The Message-IDs that name the conversation: the root, the nearest ancestors, the message itself. */
export function conversationIds(messageId: string | null, parents: string[]): string[] {
  const [root, ...rest] = parents;
  const ids = [root, ...rest.slice(-(IDS_MAX - 2)).reverse(), messageId].filter((id): id is string => !!id);
  return [...new Set(ids)].slice(0, IDS_MAX);
}

/** UID SEARCH over the newest SEARCH_SPAN messages for any message that is, or names, one of `ids`. */
function criteria(exists: number, ids: string[]): SearchObject {
  const terms: SearchObject[] = ids.flatMap((id) => ['message-id', 'references', 'in-reply-to'].map((field): SearchObject => ({ header: { [field]: id } })));
  return { seq: `${Math.max(1, exists - SEARCH_SPAN + 1)}:*`, or: terms };
}

async function searchFolder(session: Session, path: string, ids: string[]): Promise<MessageSummaryDto[]> {
  return withMailbox(session, path, async (c, mailbox) => {
    if (mailbox.exists < 1) return [];
    const found = (await c.search(criteria(mailbox.exists, ids), { uid: true })) || [];
    const newest = [...found].sort((a, b) => b - a).slice(0, MESSAGES_PER_FOLDER);
    if (!newest.length) return [];
    const rows = await fetchRows(c, newest.join(','), { username: session.username, path, uidValidity: mailbox.uidValidity }, { uid: true });
    return rows.map((r) => r.row);
  });
}

export async function openConversation(session: Session, id: string): Promise<ConversationDto> {
  const ref = parseMessageIdOrThrow(id);
  const ids = await withMailbox(session, ref.path, async (client, mailbox) => {
    if (mailbox.uidValidity.toString() !== ref.uidValidity) throw new AppError('not_found', { key: 'messageDoesNotExist' });
    const msg = await fetchMessageOrThrow(client, ref.uid, { headers: ['message-id', 'in-reply-to', 'references'] });
    const headers = threadHeadersOf(msg.uid, msg.headers?.toString('utf8') ?? '');
    return conversationIds(headers.messageId, headers.parents);
  });
  const folders = await withClient(session, async (client) => {
    const index = await loadFolderIndex(client);
    const others = [index.byRole('sent')?.path, findArchiveFolder(client, index)?.path].filter((p): p is string => !!p && !samePath(p, ref.path));
    return [ref.path, ...new Set(others)].slice(0, FOLDERS_MAX);
  });
  const messages: MessageSummaryDto[] = [];
  // One folder after another on the session's connection (one command at a time anyway).
  if (ids.length) for (const path of folders) messages.push(...(await searchFolder(session, path, ids)));
  if (!messages.some((m) => m.id === id)) {
    // No Message-ID to search by: the message alone.
    messages.push(...(await searchByUid(session, ref.path, ref.uid)));
  }
  messages.sort((a, b) => a.date.localeCompare(b.date) || a.uid - b.uid);
  const self = messages.find((m) => m.id === id);
  return { id, subject: self?.subject ?? messages[0]?.subject ?? '', messages };
}

async function searchByUid(session: Session, path: string, uid: number): Promise<MessageSummaryDto[]> {
  return withMailbox(session, path, async (c, mailbox) =>
    (await fetchRows(c, String(uid), { username: session.username, path, uidValidity: mailbox.uidValidity }, { uid: true })).map((r) => r.row),
  );
}
