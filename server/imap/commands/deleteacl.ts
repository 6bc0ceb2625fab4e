import 'server-only';
import type { ImapFlow } from 'imapflow';
import { execAcl, mailboxArg, stringArg } from './acl-wire';

/**
 * DELETEACL (RFC 4314, section 3.2): takes every right `identifier` had on a folder away (the
 * folder leaves that user's shared/<owner>/ list). Needs the `a` right. Removing an identifier
 * that has no entry is no error in Dovecot.
 */
export async function deleteAcl(client: ImapFlow, path: string, identifier: string): Promise<void> {
  await execAcl(client, 'DELETEACL', [mailboxArg(client, path), stringArg(identifier)]);
}
