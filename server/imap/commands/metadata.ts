import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { ImapResponse } from 'imapflow/lib/handler/types.js';
import { AppError } from '../../errors';
import { breakIdle } from './notify';

/**
 * IMAP METADATA (RFC 5464): GETMETADATA and SETMETADATA of server entries (mailbox ""), through
 * imapflow's exec(): imapflow 2.x has no METADATA commands. Wren keeps its per-user settings in
 * one private entry (server/mail/settings.ts).
 *
 * What Dovecot 2.3.19 sends (with `imap_metadata = yes` and a `mail_attribute_dict`):
 *
 *   C: a GETMETADATA "" (/private/vendor/wren/settings)
 *   S: * METADATA "" (/private/vendor/wren/settings {17}
 *   S: {"displayName":""})
 *   S: a OK Getmetadata completed.
 *
 * A short ASCII value may come quoted, an entry never set as NIL (Dovecot then sends no
 * METADATA line at all). Setting NIL deletes the entry. A value larger than the server takes
 * is refused with `NO [METADATA MAXSIZE n]`.
 */

/** Whether the server takes METADATA on server entries (METADATA implies METADATA-SERVER). */
export const supportsServerMetadata = (client: ImapFlow) => client.capabilities.has('METADATA') || client.capabilities.has('METADATA-SERVER');

interface ExecClient {
  exec(command: string, attributes: unknown[], options?: { untagged?: Record<string, (untagged: ImapResponse) => Promise<void>> }): Promise<{ next(): void }>;
}

interface Attribute {
  type?: string;
  value?: unknown;
}

const textOf = (node: Attribute | null | undefined): string | null => {
  if (!node || node.value === null || node.value === undefined) return null;
  if (Buffer.isBuffer(node.value)) return node.value.toString('utf8');
  if (typeof node.value === 'string') return node.type === 'ATOM' && node.value.toUpperCase() === 'NIL' ? null : node.value;
  return null;
};

/**
 * The entries of an untagged METADATA reply: entry name (lower case: names are
 * case-insensitive) to value, null for NIL. `mailbox` is the mailbox it is about ("" for the
 * server). An unsolicited METADATA (a list of names without values) gives no entries.
 */
export function metadataEntriesOf(untagged: ImapResponse): { mailbox: string; entries: Map<string, string | null> } {
  const attributes = (untagged.attributes ?? []) as unknown as (Attribute | Attribute[])[];
  const mailboxNode = attributes[0];
  const mailbox = Array.isArray(mailboxNode) ? '' : (textOf(mailboxNode) ?? '');
  const entries = new Map<string, string | null>();
  const list = attributes[1];
  if (!Array.isArray(list)) return { mailbox, entries };
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = textOf(list[i]);
    if (name) entries.set(name.toLowerCase(), textOf(list[i + 1]));
  }
  return { mailbox, entries };
}

/** The MAXSIZE of a `NO [METADATA MAXSIZE n]` refusal, when that is what the error is. */
export function metadataMaxSizeOf(error: unknown): number | undefined {
  const response = (error as { response?: ImapResponse } | null)?.response;
  const code = (response?.attributes?.[0] as { section?: Attribute[] } | undefined)?.section;
  if (!Array.isArray(code) || textOf(code[0])?.toUpperCase() !== 'METADATA') return undefined;
  const detail = code[1];
  const list = (Array.isArray(detail) ? detail : code.slice(1)) as Attribute[];
  if (textOf(list[0])?.toUpperCase() !== 'MAXSIZE') return undefined;
  const size = Number(textOf(list[1]));
  return Number.isFinite(size) ? size : undefined;
}

const serverMailbox = { type: 'STRING', value: '' };

/** The value of server entry `entry` (e.g. /private/vendor/x/y), or null when it is not set. */
export async function getServerMetadata(client: ImapFlow, entry: string): Promise<string | null> {
  const exec = client as unknown as ExecClient;
  let value: string | null = null;
  await breakIdle(client);
  const response = await exec.exec('GETMETADATA', [serverMailbox, [{ type: 'ATOM', value: entry }]], {
    untagged: {
      METADATA: async (untagged) => {
        const { mailbox, entries } = metadataEntriesOf(untagged);
        if (mailbox === '' && entries.has(entry.toLowerCase())) value = entries.get(entry.toLowerCase()) ?? null;
      },
    },
  });
  response.next();
  return value;
}

/**
 * Sets server entry `entry` to `value` (null deletes it). A value over the server's limit
 * answers payload_too_large naming the limit.
 */
export async function setServerMetadata(client: ImapFlow, entry: string, value: string | null): Promise<void> {
  const exec = client as unknown as ExecClient;
  const valueNode = value === null ? null : { type: 'LITERAL', value: Buffer.from(value, 'utf8') };
  await breakIdle(client);
  try {
    const response = await exec.exec('SETMETADATA', [serverMailbox, [{ type: 'ATOM', value: entry }, valueNode]]);
    response.next();
  } catch (error) {
    const max = metadataMaxSizeOf(error);
    if (max !== undefined) throw new AppError('payload_too_large', { key: 'settingsTooLarge', values: { max } });
    throw error;
  }
}
