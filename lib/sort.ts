/**
 * A folder's list order (issue 21): by arrival (the default, newest first; every server), or,
 * where the server has SORT (RFC 5256), by date, sender, subject or size, either way. Kept per
 * folder in the user's settings (`ui.folderSort`). Tiny and free of zod: the mail view imports it.
 */
export const SORT_KEYS = ['arrival', 'date', 'from', 'subject', 'size'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** `<key>-<asc|desc>`: what the list's URL, the settings and the page carry. */
export const SORT_ORDERS = SORT_KEYS.flatMap((key) => [`${key}-desc`, `${key}-asc`] as const);
export type SortOrder = `${SortKey}-${'asc' | 'desc'}`;

/** Arrival, newest first: the order of a folder nobody chose one for, and of every server without SORT. */
export const DEFAULT_SORT: SortOrder = 'arrival-desc';

/** The most folders whose order the settings keep (the settings entry is bounded: lib/schemas.ts). */
export const MAX_FOLDER_SORTS = 200;

export const isSortOrder = (value: unknown): value is SortOrder => typeof value === 'string' && (SORT_ORDERS as readonly string[]).includes(value);

export function parseSortOrder(order: SortOrder): { key: SortKey; descending: boolean } {
  const [key, direction] = order.split('-') as [SortKey, 'asc' | 'desc'];
  return { key, descending: direction === 'desc' };
}

/** The folder's chosen order, or the default. */
export const sortOf = (sorts: Record<string, string> | undefined, folder: string): SortOrder => {
  const order = sorts?.[folder];
  return isSortOrder(order) ? order : DEFAULT_SORT;
};
