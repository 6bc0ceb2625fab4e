/*
 * Limits the server enforces and the mail view also needs. Plain constants, no zod: the
 * browser imports them without the schemas (lib/schemas.ts stays on the server's side).
 */

/** Results of an all-folder search shown at once; "show more" continues past them. */
export const SEARCH_ALL_LIMIT = 500;
