import 'server-only';
import type { ImapFlow } from 'imapflow';
import { threadAlgorithm, uidThread } from '../../imap/commands/thread';
import { groupByReferences, orderConversations, threadHeadersOf } from './group';

/**
 * The conversations of a folder's newest messages. Cost stays O(window): the server threads the
 * newest `span` messages only (a sequence set as THREAD's criteria), never the whole folder.
 * What that misses: a conversation whose messages are further back than the span shows, in
 * the list, only its messages within the span (its older ones are rows of their own further
 * down); opening it still finds them (open.ts searches by Message-ID, not by the span).
 */

/** At least this many of the newest messages are threaded, and four times the rows asked for. */
export const SPAN_MIN = 500;

export function spanFor(exists: number, rows: number): number {
  return Math.min(exists, Math.max(SPAN_MIN, 4 * rows));
}

/**
 * The newest `span` messages of the selected folder as conversations, newest first (each newest
 * first): UID THREAD where the server has it, else Message-ID / In-Reply-To / References read
 * with one FETCH of those three header fields. Never by subject.
 */
export async function windowThreads(client: ImapFlow, exists: number, span: number): Promise<number[][]> {
  if (exists < 1 || span < 1) return [];
  const sequence = `${exists - span + 1}:*`;
  const algorithm = threadAlgorithm(client);
  if (algorithm) return orderConversations(await uidThread(client, algorithm, sequence));
  const fetched = await client.fetchAll(sequence, { uid: true, headers: ['message-id', 'in-reply-to', 'references'] });
  return orderConversations(groupByReferences(fetched.map((m) => threadHeadersOf(m.uid, m.headers?.toString('utf8') ?? ''))));
}

/**
 * Enough conversations for rows `offset` to `offset + limit`: the span doubles (up to the whole
 * folder) while it holds fewer. `total` counts the span's conversations plus the messages
 * before it, one row each as far as this request knows.
 */
export async function conversationsFor(client: ImapFlow, exists: number, offset: number, limit: number): Promise<{ threads: number[][]; total: number }> {
  let span = spanFor(exists, offset + limit);
  let threads = await windowThreads(client, exists, span);
  while (threads.length < offset + limit && span < exists) {
    span = Math.min(exists, span * 2);
    threads = await windowThreads(client, exists, span);
  }
  return { threads, total: threads.length + (exists - span) };
}
