import 'server-only';
import type { ImapFlow } from 'imapflow';
import { execAcl, mailboxArg, replyMailbox, textOf } from './acl-wire';

/**
 * MYRIGHTS (RFC 4314, section 3.5): the rights the signed-in user has on one folder, as the
 * server's letters ("lrws"). One round trip; Dovecot 2.3 has no LIST-MYRIGHTS (RFC 8440), so a
 * folder list asks it per folder that is not the user's own. A folder the user may not even
 * see answers NO [NONEXISTENT] (thrown, as imapflow throws any NO).
 */
export async function myRights(client: ImapFlow, path: string): Promise<string> {
  let rights = '';
  await execAcl(client, 'MYRIGHTS', [mailboxArg(client, path)], {
    MYRIGHTS: async (untagged) => {
      const [mailbox, letters] = untagged.attributes ?? [];
      if (replyMailbox(client, mailbox) === path) rights = textOf(letters);
    },
  });
  return rights;
}
