import { z } from 'zod';
import { isValidFolderPath } from './message-id';

export const folderPathSchema = z
  .string()
  .refine(isValidFolderPath, 'Folder path must be 1-1000 characters without CR, LF or NUL');

export const loginInputSchema = z.object({
  username: z.string().trim().min(1, 'Username is required').max(256),
  password: z.string().min(1, 'Password is required').max(1024),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const PAGE_SIZE_MAX = 200;

export const listQuerySchema = z.object({
  folder: folderPathSchema,
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const MAX_IDS = 1000;

/**
 * A set of messages of one folder: an IMAP UID set ("5", "5,7,9:12", "1:*" for the whole
 * folder). Carrying UIDVALIDITY makes a stale selection a 404, never other messages. "Select
 * all" of a 10,000-message folder travels as "1:*", never as 10,000 ids.
 */
export const selectionSchema = z.object({
  folder: folderPathSchema,
  uidValidity: z.string().regex(/^\d{1,20}$/, 'Malformed UIDVALIDITY'),
  uids: z
    .string()
    .max(100_000)
    .regex(/^(\d{1,10}|\*)(:(\d{1,10}|\*))?(,(\d{1,10}|\*)(:(\d{1,10}|\*))?)*$/, 'Malformed UID set'),
});
export type Selection = z.infer<typeof selectionSchema>;

export const flagsInputSchema = z
  .object({
    ids: z.array(z.string().max(1500)).min(1).max(MAX_IDS).optional(),
    selection: selectionSchema.optional(),
    seen: z.boolean().optional(),
    flagged: z.boolean().optional(),
  })
  .refine((v) => (v.ids ? !v.selection : !!v.selection), 'Give either ids or a selection');
export type FlagsInput = z.infer<typeof flagsInputSchema>;

/** IMAP body section numbers: "1", "1.2", "2.1.3". */
export const partSchema = z.string().regex(/^\d{1,4}(\.\d{1,4}){0,9}$/, 'Malformed part number');
