import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { ImapResponse } from 'imapflow/lib/handler/types.js';
import { execAcl, mailboxArg, replyMailbox, textOf } from './acl-wire';

export interface AclEntry {
  identifier: string;
  rights: string;
}

/** The identifier and rights pairs of an untagged `* ACL <mailbox> (<identifier> <rights>)*` reply. */
export function aclEntriesOf(untagged: Pick<ImapResponse, 'attributes'>): AclEntry[] {
  const pairs = (untagged.attributes ?? []).slice(1);
  const entries: AclEntry[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const identifier = textOf(pairs[i]);
    if (identifier) entries.push({ identifier, rights: textOf(pairs[i + 1]) });
  }
  return entries;
}

/**
 * GETACL (RFC 4314, section 3.3): who has which rights on a folder, the owner's own entry
 * included. Needs the `a` (administer) right: without it NO [NOPERM] (thrown).
 */
export async function getAcl(client: ImapFlow, path: string): Promise<AclEntry[]> {
  let entries: AclEntry[] = [];
  await execAcl(client, 'GETACL', [mailboxArg(client, path)], {
    ACL: async (untagged) => {
      if (replyMailbox(client, untagged.attributes?.[0]) === path) entries = aclEntriesOf(untagged);
    },
  });
  return entries;
}
