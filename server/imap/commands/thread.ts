import 'server-only';
import type { ImapFlow } from 'imapflow';
import { breakIdle } from './notify';

/**
 * UID THREAD (RFC 5256) through imapflow's exec(): imapflow 2.x has no THREAD. Wren asks for
 * REFS (threads by References / In-Reply-To, never by subject; Dovecot's THREAD=REFS) and falls
 * back to REFERENCES only where REFS is missing. What Dovecot 2.3.19 sends, checked with a raw
 * client (`u UID THREAD REFS UTF-8 1:*`, a root with two replies, a lone message):
 *
 *   * THREAD (7)(3 (4)(6))
 *   u OK Thread completed (0.001 + 0.000 secs).
 *
 * Each top-level parenthesis is one conversation: a list of UIDs where each is the parent of the
 * next, and nested lists are branches. A missing parent (a message outside the searched set
 * that others reply to) is a parenthesis without a number of its own: `((3)(5))`. Wren needs
 * only which UIDs go together; order within a conversation is by date, read from the messages.
 *
 * The search criteria are a sequence set, so the server threads only the window asked for:
 * THREAD over a whole 100,000-message folder costs what a SEARCH ALL plus reading every
 * message's References costs (docs/PERFORMANCE.md).
 */

export type ThreadAlgorithm = 'REFS' | 'REFERENCES';

/** The algorithm Wren would use on this server, or null when it announces neither. */
export function threadAlgorithm(client: ImapFlow): ThreadAlgorithm | null {
  if (client.capabilities.has('THREAD=REFS')) return 'REFS';
  if (client.capabilities.has('THREAD=REFERENCES')) return 'REFERENCES';
  return null;
}

type Node = { type?: string; value?: unknown } | Node[] | null;
interface ExecClient {
  exec(command: string, attributes: unknown[], options?: { untagged?: Record<string, (u: { attributes?: Node[] }) => Promise<void> | void> }): Promise<{ next(): void }>;
}

/** Every UID of one thread's parenthesis, in the order the server wrote them. */
function uidsOf(node: Node, out: number[]): number[] {
  if (Array.isArray(node)) for (const child of node) uidsOf(child, out);
  else if (node && typeof node.value === 'string' && /^\d+$/.test(node.value)) out.push(Number(node.value));
  return out;
}

/** Reads `* THREAD` attributes into one UID list per conversation. Exported for the unit test. */
export function parseThreads(attributes: readonly unknown[] | undefined): number[][] {
  return (attributes ?? []).map((thread) => uidsOf(thread as Node, [])).filter((uids) => uids.length > 0);
}

/**
 * `UID THREAD <algorithm> UTF-8 <criteria>` on the selected folder: its conversations as UID
 * lists. `sequence` is a sequence set (e.g. "99001:*"), so the server threads only that window.
 * Never call it inside a `for await` fetch: exec() would wait for the fetch to end.
 */
export async function uidThread(client: ImapFlow, algorithm: ThreadAlgorithm, sequence: string): Promise<number[][]> {
  await breakIdle(client);
  let threads: number[][] = [];
  const response = await (client as unknown as ExecClient).exec(
    'UID THREAD',
    [
      { type: 'ATOM', value: algorithm },
      { type: 'ATOM', value: 'UTF-8' },
      { type: 'SEQUENCE', value: sequence },
    ],
    {
      untagged: {
        THREAD: (untagged) => {
          threads = threads.concat(parseThreads(untagged.attributes));
        },
      },
    },
  );
  response.next();
  return threads;
}
