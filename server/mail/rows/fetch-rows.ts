import 'server-only';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ListQuery } from '@/lib/schemas';
import type { MessagePageDto, MessageSummaryDto } from '@/lib/types';
import { fetchWithPreview, supportsPreview, type PreviewedMessage } from '../../imap/commands/fetch-preview';
import { toFixedRow, toPageDto, toRowDto } from '../dto/mappers';
import { knownRows, rememberRows, type FixedRow } from './row-cache';

/**
 * Header items only: never a body in the list. Where the server has PREVIEW (RFC 8970) the same
 * FETCH carries it too (server/imap/commands/fetch-preview.ts, which sends these items).
 */
export const SUMMARY_QUERY = { uid: true, envelope: true, flags: true, internalDate: true, size: true, bodyStructure: true } as const;
const FLAGS_QUERY = { uid: true, flags: true } as const;

/** New rows: SUMMARY_QUERY, with each message's preview where the server has PREVIEW. */
const fetchSummaries = (client: ImapFlow, range: string, options: { uid?: boolean; changedSince?: bigint }): Promise<PreviewedMessage[]> =>
  supportsPreview(client) ? fetchWithPreview(client, range, options) : client.fetchAll(range, SUMMARY_QUERY, options);

/** Where rows come from: the folder and the user whose row cache it is. */
export interface RowSource {
  username: string;
  path: string;
  uidValidity: bigint;
}

/**
 * The list rows of the messages in `range` (sequence numbers, or UIDs with `options.uid`), in
 * the server's order. Rows the user listed before cost only their FLAGS: the rest of a row never
 * changes (row-cache.ts), and only the messages not seen yet are fetched with ENVELOPE and
 * BODYSTRUCTURE, in a second FETCH. A folder with no row known yet, or a window of `uids` none of
 * which is known, is fetched whole at once.
 */
export async function fetchRows(
  client: ImapFlow,
  range: string,
  source: RowSource,
  { uids, ...options }: { uid?: boolean; changedSince?: bigint; uids?: readonly number[] } = {},
): Promise<{ seq: number; row: MessageSummaryDto }[]> {
  const { username, path, uidValidity } = source;
  const known = knownRows(username, path, uidValidity);
  // `range` spelled out as `uids` (search results): when none of them is known (a session's first
  // search), FLAGS first would only say so, a round trip for nothing; they are fetched whole at once.
  const fresh = !known || (uids !== undefined && !uids.some((uid) => known.has(uid)));
  // This request's rows are kept here, not read back from the cache, which may drop some of
  // them to stay within its bound while it learns the others.
  const rows = new Map<number, FixedRow>();
  const learn = (fetched: PreviewedMessage[]) => {
    for (const m of fetched) rows.set(m.uid, toFixedRow(m));
    rememberRows(username, path, uidValidity, fetched.map((m) => [m.uid, rows.get(m.uid)!]));
  };
  const fetched: PreviewedMessage[] = fresh ? await fetchSummaries(client, range, options) : await client.fetchAll(range, FLAGS_QUERY, options);
  if (fresh || !known) learn(fetched);
  else {
    for (const m of fetched) {
      const fixed = known.get(m.uid);
      if (fixed) rows.set(m.uid, fixed);
    }
    const unknown = fetched.filter((m) => !rows.has(m.uid)).map((m) => m.uid);
    if (unknown.length) learn(await fetchSummaries(client, unknown.join(','), { uid: true }));
  }
  return fetched.flatMap((m) => {
    const fixed = rows.get(m.uid);
    // Gone between the two FETCHes (expunged by another client): left out, like a message
    // expunged a moment before the list.
    return fixed ? [{ seq: m.seq, row: toRowDto(fixed, m, path, uidValidity) }] : [];
  });
}

/**
 * A window over UIDs the server searched (`uids` newest first): search results, and on servers
 * without UIDPLUS the undeleted messages (a move there leaves its originals flagged \Deleted,
 * since a plain EXPUNGE would also remove what other clients marked).
 */
export async function pageOfUids(
  client: ImapFlow,
  username: string,
  mailbox: MailboxObject,
  query: Pick<ListQuery, 'folder' | 'offset' | 'limit'>,
  uids: number[] | Uint32Array,
): Promise<MessagePageDto> {
  const window = Array.from(uids.slice(query.offset, query.offset + query.limit));
  const source = { username, path: query.folder, uidValidity: mailbox.uidValidity };
  const rows = window.length ? (await fetchRows(client, window.join(','), source, { uid: true, uids: window })).map((r) => r.row) : [];
  rows.sort((a, b) => b.uid - a.uid);
  return toPageDto(query.folder, uids.length, query.offset, rows, mailbox);
}
