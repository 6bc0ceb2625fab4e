import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { ImapResponse } from 'imapflow/lib/handler/types.js';
import { decodePath, encodePath } from 'imapflow/lib/tools.js';
import { breakIdle } from './notify';

/**
 * What the ACL commands (RFC 4314: MYRIGHTS, GETACL, SETACL, DELETEACL, one module each) share:
 * imapflow 2.x has none of them, so they go through its exec(), and their untagged replies are
 * read here. Dovecot 2.3.19 announces `ACL RIGHTS=texk` with the imap_acl plugin
 * (scripts/dovecot.sh). What it sends, checked with a raw client:
 *
 *   C: a MYRIGHTS shared/ana/Team          S: * MYRIGHTS shared/ana/Team lrws
 *   C: b GETACL Team                       S: * ACL Team ben lrws ana lrwstipekxacd
 *   C: c SETACL Team ben lrsw              S: c OK Setacl complete.
 *   C: d GETACL shared/ana/Team            S: d NO [NOPERM] You lack administrator privileges on this mailbox
 *
 * The owner's own line ("ana lrwstipekxacd": Dovecot's `owner` entry) is in GETACL's answer;
 * rights come in Dovecot's order (lrwstipekxacd), whatever order SETACL gave them in; `c` and `d`
 * are the obsolete RFC 2086 letters, sent along with what they stand for.
 */

type Untagged = Record<string, (untagged: ImapResponse) => Promise<void>>;

interface AclExecClient {
  exec(command: string, attributes: unknown[], options?: { untagged?: Untagged }): Promise<{ next(): void }>;
}

/**
 * Sends one ACL command (IDLE broken first: exec() would wait behind it), hands its untagged
 * replies to `untagged`, and throws on NO or BAD with the response code as `serverResponseCode`
 * ("NOPERM", "NONEXISTENT"), as imapflow's own commands throw it: exec() leaves it inside
 * `response`.
 */
export async function execAcl(client: ImapFlow, command: string, attributes: unknown[], untagged?: Untagged): Promise<void> {
  await breakIdle(client);
  try {
    const response = await (client as unknown as AclExecClient).exec(command, attributes, untagged ? { untagged } : undefined);
    response.next();
  } catch (error) {
    const section = (error as { response?: ImapResponse } | null)?.response?.attributes?.[0] as { section?: unknown[] } | undefined;
    const code = textOf(section?.section?.[0]);
    if (error && typeof error === 'object' && code && !('serverResponseCode' in error)) Object.assign(error, { serverResponseCode: code.toUpperCase() });
    throw error;
  }
}

/** A mailbox name as the server wants it (modified UTF-7 unless UTF8=ACCEPT is on). */
export const mailboxArg = (client: ImapFlow, path: string) => ({ type: 'STRING', value: encodePath(client, path) });

export const stringArg = (value: string) => ({ type: 'STRING', value });

/** An atom, string or literal of a reply as text; '' for anything else. */
export function textOf(node: unknown): string {
  const value = (node as { value?: unknown } | null | undefined)?.value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'string' ? value : '';
}

/** The mailbox an untagged ACL reply is about, decoded to the path imapflow uses. */
export const replyMailbox = (client: ImapFlow, node: unknown) => decodePath(client, textOf(node));
