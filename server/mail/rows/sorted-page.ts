import 'server-only';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ListQuery } from '@/lib/schemas';
import type { SortOrder } from '@/lib/sort';
import type { MessagePageDto } from '@/lib/types';
import { uidSort } from '../../imap/commands/sort';
import { toPageDto } from '../dto/mappers';
import { fetchRows } from './fetch-rows';
import { cachedSort, cacheSort } from './sort-cache';

/**
 * One window of a folder in an order the server sorted (UID SORT, RFC 5256): the SORT answers
 * every UID in order once, kept per session while the folder stays as it was (sort-cache.ts),
 * and each page then FETCHes only its own `limit` messages, so a page costs O(window) in the
 * FETCH whatever the folder's size. Only for a server with SORT (the caller checks).
 */
export async function sortedPage(
  client: ImapFlow,
  mailbox: MailboxObject,
  who: { sessionId: string; username: string },
  query: Pick<ListQuery, 'folder' | 'offset' | 'limit'>,
  order: SortOrder,
): Promise<MessagePageDto> {
  // After NOOP imapflow knows EXISTS but not UIDNEXT (an EXISTS names no UID): fetching the
  // newest UID moves it, so mail moved out and back in makes a new key (as search.ts does).
  if (mailbox.exists > 0) await client.fetchOne('*', { uid: true });
  const hidesDeleted = !client.capabilities.has('UIDPLUS');
  const key = [query.folder, order, mailbox.uidValidity, mailbox.exists, mailbox.uidNext, hidesDeleted ? (mailbox.highestModseq ?? '') : ''].join('\u0000');
  const uids = cachedSort(who.sessionId, key) ?? cacheSort(who.sessionId, key, await uidSort(client, order, hidesDeleted));
  const window = Array.from(uids.subarray(query.offset, query.offset + query.limit));
  const source = { username: who.username, path: query.folder, uidValidity: mailbox.uidValidity };
  const rows = window.length ? await fetchRows(client, window.join(','), source, { uid: true }) : [];
  // FETCH answers in the server's order: the window's order is the SORT's.
  const position = new Map(window.map((uid, i) => [uid, i]));
  const messages = rows.map((r) => r.row).sort((a, b) => position.get(a.uid)! - position.get(b.uid)!);
  return toPageDto(query.folder, uids.length, query.offset, messages, mailbox);
}

/** One window in arrival order, oldest first: sequence numbers from the start, no SORT needed. */
export async function oldestFirstPage(
  client: ImapFlow,
  mailbox: MailboxObject,
  username: string,
  query: Pick<ListQuery, 'folder' | 'offset' | 'limit'>,
): Promise<MessagePageDto> {
  const total = mailbox.exists;
  const start = query.offset + 1;
  const end = Math.min(total, query.offset + query.limit);
  if (start > end) return toPageDto(query.folder, total, query.offset, [], mailbox);
  const rows = await fetchRows(client, `${start}:${end}`, { username, path: query.folder, uidValidity: mailbox.uidValidity });
  rows.sort((a, b) => a.seq - b.seq);
  return toPageDto(query.folder, total, query.offset, rows.map((r) => r.row), mailbox);
}
