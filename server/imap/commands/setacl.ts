import 'server-only';
import type { ImapFlow } from 'imapflow';
import { execAcl, mailboxArg, stringArg } from './acl-wire';

/**
 * SETACL (RFC 4314, section 3.1): gives `identifier` exactly `rights` on a folder, replacing
 * what it had (no "+" or "-" prefix: Wren always sends the whole set). Needs the `a` right;
 * Dovecot also records the share in its acl_shared_dict, which is how the other user's LIST
 * finds it under shared/<owner>/.
 */
export async function setAcl(client: ImapFlow, path: string, identifier: string, rights: string): Promise<void> {
  await execAcl(client, 'SETACL', [mailboxArg(client, path), stringArg(identifier), stringArg(rights)]);
}
