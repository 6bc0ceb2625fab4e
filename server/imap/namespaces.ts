import 'server-only';
import type { ImapFlow, NamespacesObject } from 'imapflow';
import type { FolderNamespace } from '@/lib/types';

/**
 * Whose folder a path names, from the server's NAMESPACE answer (RFC 2342), which imapflow asks
 * for at login and keeps as `client.namespaces`: the personal namespace (the user's own), other
 * users' (`shared/<owner>/...` on the test Dovecot: folders another user shared with SETACL) and
 * shared ones, which Wren calls public (`Public/...`: owned by no user). A server without
 * NAMESPACE has only the personal one.
 *
 * What Dovecot 2.3.19 answers with scripts/dovecot.sh's configuration:
 *
 *   * NAMESPACE (("" "/")) (("shared/" "/")) (("Public/" "/"))
 */

export interface NamespaceOfPath {
  kind: FolderNamespace;
  /** The other user who owns it (the segment after the prefix); null outside other users' namespace. */
  owner: string | null;
  /** What the folder's own path starts with: the prefix, plus `<owner><delimiter>` for another user's. */
  root: string;
}

const PERSONAL: NamespaceOfPath = { kind: 'personal', owner: null, root: '' };

type Namespaces = Pick<NamespacesObject, 'other' | 'shared'> | undefined;

/** The namespace `path` is in. Pure, for the mappers and tests; `namespaceOf` reads the client's. */
export function namespaceOfPath(path: string, namespaces: Namespaces): NamespaceOfPath {
  for (const ns of namespaces?.other || []) {
    if (!ns.prefix || !path.startsWith(ns.prefix)) continue;
    const rest = path.slice(ns.prefix.length);
    const cut = ns.delimiter ? rest.indexOf(ns.delimiter) : -1;
    const owner = cut < 0 ? rest : rest.slice(0, cut);
    return { kind: 'shared', owner, root: `${ns.prefix}${owner}${ns.delimiter ?? ''}` };
  }
  for (const ns of namespaces?.shared || []) {
    if (ns.prefix && path.startsWith(ns.prefix)) return { kind: 'public', owner: null, root: ns.prefix };
  }
  return PERSONAL;
}

export const namespaceOf = (client: ImapFlow, path: string) => namespaceOfPath(path, client.namespaces);

/**
 * Whether `path` only holds a namespace together: "shared", "shared/ana" and "Public" are
 * listed by Dovecot (\NonExistent) above the folders in them; the tree shows headings instead.
 */
export function isNamespaceRoot(path: string, namespaces: Namespaces): boolean {
  for (const ns of [...(namespaces?.other || []), ...(namespaces?.shared || [])]) {
    if (ns.prefix && ns.delimiter && `${path}${ns.delimiter}` === ns.prefix) return true;
  }
  // Another user's root, shared/<owner>: nothing after the owner.
  return (namespaces?.other || []).some((ns) => {
    const rest = ns.prefix && path.startsWith(ns.prefix) ? path.slice(ns.prefix.length) : '';
    return rest !== '' && !!ns.delimiter && !rest.includes(ns.delimiter);
  });
}
