/**
 * The mail view's one check of a folder's rights (RFC 4314 letters, FolderDto.rights), kept
 * apart from lib/rights.ts so its first download carries nothing else. Unknown rights (results
 * of a search in all folders, a folder not listed) allow everything: the server still decides.
 */
export const hasRights = (rights: string | undefined, letters: string) => rights === undefined || [...letters].every((l) => rights.includes(l));

/** See and read only: no marking, starring, adding or deleting. */
export const isReadOnly = (rights: string | undefined) => !!rights && !/[swite]/.test(rights);
