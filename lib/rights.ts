/**
 * Rights on a folder (RFC 4314 ACL letters) in plain words. Each word stands for the letters
 * that together allow it, following RFC 4314's grouping: the obsolete "d" (delete) became
 * t, e and x, and "c" (create) became k and x; Wren puts k (subfolders) with "add" and x (the
 * folder itself) with "delete". Pure: shared by the share dialog and the server.
 */

import { hasRights } from './folder-rights';

export const RIGHT_GROUPS = [
  { key: 'see', letters: 'lr', label: 'See' },
  { key: 'markRead', letters: 's', label: 'Mark read' },
  { key: 'flag', letters: 'w', label: 'Star' },
  { key: 'add', letters: 'ipk', label: 'Add' },
  { key: 'delete', letters: 'tex', label: 'Delete' },
  { key: 'manage', letters: 'a', label: 'Manage sharing' },
] as const;

export type RightKey = (typeof RIGHT_GROUPS)[number]['key'];

export const RIGHT_KEYS = RIGHT_GROUPS.map((g) => g.key) as [RightKey, ...RightKey[]];

/** Every right: what a user has on their own folders. */
export const FULL_RIGHTS = 'lrswipkxtea';

export { hasRights };

/** The letters for these words, in RFC 4314's order (l r s w i p k x t e a). */
export function lettersOf(keys: readonly RightKey[]): string {
  const wanted = RIGHT_GROUPS.filter((g) => keys.includes(g.key)).map((g) => g.letters).join('');
  return [...FULL_RIGHTS].filter((l) => wanted.includes(l)).join('');
}

/** The words whose letters `rights` hold in full (a partial group, e.g. "t" alone, is not one). */
export const keysOf = (rights: string): RightKey[] => RIGHT_GROUPS.filter((g) => hasRights(rights, g.letters)).map((g) => g.key);

/**
 * The rights as words for a list: "see, mark read, star". `word` names each (the page's
 * language: mail.share.verbs), `none` the empty list; English by default.
 */
export const describeRights = (rights: string, word: (key: RightKey) => string = (key) => RIGHT_GROUPS.find((g) => g.key === key)!.label.toLowerCase(), none = 'no rights') =>
  keysOf(rights).map(word).join(', ') || none;
