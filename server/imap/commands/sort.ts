import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { ImapResponse } from 'imapflow/lib/handler/types.js';
import { parseSortOrder, type SortOrder } from '@/lib/sort';
import { breakIdle } from './notify';

/**
 * UID SORT (RFC 5256) through imapflow's exec(): imapflow 2.x has no SORT. What Dovecot 2.3.19
 * sends (it announces SORT and SORT=DISPLAY, RFC 5957):
 *
 *   C: a UID SORT (REVERSE DATE) UTF-8 ALL
 *   S: * SORT 7 3 12 5
 *   S: a OK Sort completed (0.001 + 0.000 secs).
 *
 * One untagged SORT line with every matching UID in order (an empty folder: `* SORT` alone).
 * Ties are broken by arrival order (sequence number), reversed with REVERSE.
 */

/** Whether the server sorts (the list then offers every order; without it, arrival only). */
export const supportsSort = (client: ImapFlow) => client.capabilities.has('SORT');

interface ExecClient {
  exec(command: string, attributes: unknown[], options?: { untagged?: Record<string, (untagged: ImapResponse) => Promise<void>> }): Promise<{ next(): void }>;
}

const atom = (value: string) => ({ type: 'ATOM', value });

/**
 * The SORT criteria for `order`: the sender is the first From's display name where the server
 * has SORT=DISPLAY (what the list shows), else its address (RFC 5256's FROM: the mailbox part).
 */
export function sortCriteria(order: SortOrder, display: boolean): string[] {
  const { key, descending } = parseSortOrder(order);
  const criterion = { arrival: 'ARRIVAL', date: 'DATE', from: display ? 'DISPLAYFROM' : 'FROM', subject: 'SUBJECT', size: 'SIZE' }[key];
  return descending ? ['REVERSE', criterion] : [criterion];
}

/** The UIDs of an untagged `* SORT n n n` reply, in its order. */
export function sortUidsOf(untagged: Pick<ImapResponse, 'attributes'>): number[] {
  const uids: number[] = [];
  for (const node of untagged.attributes ?? []) {
    const value = Number((node as { value?: unknown }).value);
    if (Number.isInteger(value) && value > 0) uids.push(value);
  }
  return uids;
}

/**
 * The selected folder's UIDs in `order`, sorted by the server. `undeletedOnly` leaves out
 * messages flagged \Deleted (a server without UIDPLUS keeps moved originals so: see
 * server/mail/access/transfer.ts). Only for a server with SORT (supportsSort).
 */
export async function uidSort(client: ImapFlow, order: SortOrder, undeletedOnly = false): Promise<number[]> {
  const criteria = sortCriteria(order, client.capabilities.has('SORT=DISPLAY')).map(atom);
  let uids: number[] = [];
  await breakIdle(client);
  const response = await (client as unknown as ExecClient).exec('UID SORT', [criteria, atom('UTF-8'), atom(undeletedOnly ? 'UNDELETED' : 'ALL')], {
    untagged: {
      SORT: async (untagged) => {
        uids = uids.concat(sortUidsOf(untagged));
      },
    },
  });
  response.next();
  return uids;
}
