import 'server-only';
import { createHash } from 'node:crypto';
import type { ImapFlow, ListResponse } from 'imapflow';
import { hasRights } from '@/lib/folder-rights';
import { myRights } from '../../imap/commands/myrights';
import { store } from '../../session/session';

/*
 * Folders shared through Wren, remembered for the user they were shared with. Dovecot 2.3 works
 * out which users share something with an IMAP session once, when the session first lists, and
 * a further folder of a user it knows shows in LIST only about 30 s later (it caches per
 * session); Wren's connection lives as long as the Wren session. So the reader's folder list
 * asks for these folders by name (MYRIGHTS, then STATUS) while LIST does not have them yet:
 * "Share folder…" in one browser shows in the other user's tree at the next reload. Shares made
 * by other mail programs show at the reader's next IMAP session. Kept in the session store
 * (Redis when configured: any Wren process serves the reader), a day at most.
 */

const TTL_SECONDS = 24 * 3600;
const MAX_HINTS = 200;

export interface ShareHint {
  /** The sharing user's login name. */
  owner: string;
  /** The folder's path as its owner sees it. */
  path: string;
}

const keyOf = (reader: string) => `share-hints:${createHash('sha256').update(reader.toLowerCase()).digest('base64url')}`;

/** The folders shared with `reader` through Wren lately. */
export async function shareHints(reader: string): Promise<ShareHint[]> {
  const raw = await store().read(keyOf(reader));
  try {
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((h): h is ShareHint => typeof h?.owner === 'string' && typeof h?.path === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers (`shared`) or forgets that `owner` shared `path` with `reader`. */
export async function noteShare(reader: string, hint: ShareHint, shared: boolean): Promise<void> {
  const others = (await shareHints(reader)).filter((h) => h.owner !== hint.owner || h.path !== hint.path);
  const next = shared ? [...others, hint].slice(-MAX_HINTS) : others;
  if (next.length) await store().put(keyOf(reader), JSON.stringify(next), TTL_SECONDS);
  else await store().remove(keyOf(reader));
}

/**
 * LIST entries for the hinted folders LIST left out, as the reader's session can reach them
 * (the `l` right, MYRIGHTS; counts from STATUS); a folder no longer shared is left out.
 */
export async function hintedEntries(client: ImapFlow, hints: ShareHint[], listed: ListResponse[]): Promise<ListResponse[]> {
  const other = (client.namespaces?.other || [])[0];
  if (!other?.prefix || !other.delimiter || !client.capabilities.has('ACL')) return [];
  const delimiter = other.delimiter;
  const entries: ListResponse[] = [];
  for (const hint of hints) {
    const path = `${other.prefix}${hint.owner}${delimiter}${hint.path}`;
    if (listed.some((e) => e.path === path)) continue;
    const rights = await myRights(client, path).catch(() => '');
    if (!rights || !hasRights(rights, 'l')) continue;
    const status = hasRights(rights, 'r') ? await client.status(path, { messages: true, unseen: true }).catch(() => false as const) : false;
    const parent = path.split(delimiter);
    const name = parent.pop() ?? path;
    entries.push({
      path,
      pathAsListed: path,
      name,
      delimiter,
      parent,
      parentPath: parent.join(delimiter),
      flags: new Set(),
      listed: true,
      subscribed: false,
      status: status ? { path, messages: status.messages, unseen: status.unseen } : undefined,
    } as ListResponse);
  }
  return entries;
}
