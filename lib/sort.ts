/**
 * A folder's list order (issue 21): by arrival (the default, newest first; every server), or,
 * where the server has SORT (RFC 5256), by date, sender, subject or size, either way. Kept per
 * folder in the user's settings (`ui.folderSort`). Tiny and free of zod: the mail view imports it.
 */
export const SORT_KEYS = ['arrival', 'date', 'from', 'subject', 'size'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export type SortOrder = `${SortKey}-${'asc' | 'desc'}`;

/**
 * `<key>-<asc|desc>`: what the list's URL, the settings and the page carry. Spelled out, not
 * computed: a literal the mail view's bundle drops when only the server uses it.
 */
export const SORT_ORDERS = [
  'arrival-desc',
  'arrival-asc',
  'date-desc',
  'date-asc',
  'from-desc',
  'from-asc',
  'subject-desc',
  'subject-asc',
  'size-desc',
  'size-asc',
] as const satisfies readonly SortOrder[];

/** Arrival, newest first: the order of a folder nobody chose one for, and of every server without SORT. */
export const DEFAULT_SORT: SortOrder = 'arrival-desc';

/** The most folders whose order the settings keep (the settings entry is bounded: lib/schemas.ts). */
export const MAX_FOLDER_SORTS = 200;

export function parseSortOrder(order: SortOrder): { key: SortKey; descending: boolean } {
  const [key, direction] = order.split('-') as [SortKey, 'asc' | 'desc'];
  return { key, descending: direction === 'desc' };
}

/** The folder's chosen order (the settings hold only valid ones: lib/schemas.ts), or the default. */
export const sortOf = (sorts: Record<string, string> | undefined, folder: string): SortOrder => (sorts?.[folder] as SortOrder | undefined) ?? DEFAULT_SORT;

/**
 * Whether a folder lists conversations: only when the user keeps them on and the folder is in the
 * default order (a sorted list shows single messages, as THREAD orders by arrival). The server's
 * first page and the list's own fetches ask the same question here.
 */
export const listsConversations = (conversations: boolean | undefined, sort: SortOrder): boolean => Boolean(conversations) && sort === DEFAULT_SORT;
