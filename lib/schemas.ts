import { z } from 'zod';
import { ADDRESS_MAX, ADDRESS_NAME_MAX, ADDRESS_PATTERN, NO_LINE_BREAKS } from './address';
import { LANGUAGE_SETTINGS } from './i18n/config';
import { isValidFolderPath } from './message-id';
import { RIGHT_KEYS } from './rights';
import { MAX_FOLDER_SORTS, SORT_ORDERS } from './sort';

export const folderPathSchema = z
  .string()
  .refine(isValidFolderPath, 'Folder path must be 1-1000 characters without CR, LF or NUL');

export const loginInputSchema = z.object({
  username: z.string().trim().min(1, 'Username is required').max(256),
  password: z.string().min(1, 'Password is required').max(1024),
  /** The browser's time zone (an IANA name; checked on the server): dates written by the server use it. */
  timeZone: z.string().max(64).optional(),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const PAGE_SIZE_MAX = 200;

export const listQuerySchema = z.object({
  folder: folderPathSchema,
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
  /** A search in the folder (lib/search-query.ts language); the list then shows its results. */
  q: z.string().max(2000).optional(),
  /** threads=1: the folder as conversations (server/mail/conversations/; the user's `ui.conversations`). */
  threads: z.enum(['0', '1']).optional(),
  /** The order (lib/sort.ts); arrival, newest first, when absent or where the server has no SORT. */
  sort: z.enum(SORT_ORDERS).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const folderChangesQuerySchema = z.object({
  folder: folderPathSchema,
  uidValidity: z.string().regex(/^\d{1,20}$/, 'Malformed UIDVALIDITY'),
  modseq: z.string().regex(/^\d{1,20}$/, 'Malformed MODSEQ'),
});

/** Where "show more" continues in one folder: below this UID (UIDVALIDITY must still match). */
export const searchResumeSchema = z.object({
  folder: folderPathSchema,
  uidValidity: z.string().regex(/^\d{1,20}$/, 'Malformed UIDVALIDITY'),
  below: z.number().int().min(2).max(0xffffffff),
});
export type SearchResume = z.infer<typeof searchResumeSchema>;

/** GET /api/search: `q` across all folders, or with `after` only where "show more" continues. */
export const searchAllQuerySchema = z.object({
  q: z.string().trim().min(1, 'Type something to search for').max(2000),
  /** shared=1: other users' and public folders too (the scope "All folders, shared too"). */
  shared: z
    .enum(['0', '1'])
    .optional()
    .transform((v) => v === '1'),
  after: z
    .string()
    .max(200_000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return z.array(searchResumeSchema).max(2000).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Malformed continuation' });
        return z.NEVER;
      }
    }),
});
export type SearchAllQuery = z.infer<typeof searchAllQuerySchema>;

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

export const FOLDER_NAME_MAX = 200;

/**
 * Why `name` cannot name a folder, or null when it can. A name is one level: nesting is by
 * parent, so the hierarchy delimiter is refused. The delimiter is the server's, known only on
 * the server; without it the rules that hold for every server are checked.
 */
export function folderNameIssue(name: string, delimiter?: string): FolderNameIssue | null {
  if (!name.trim()) return { key: 'required' };
  if (name.length > FOLDER_NAME_MAX) return { key: 'tooLong', values: { max: FOLDER_NAME_MAX } };
  if (/[\r\n\0]/.test(name)) return { key: 'control' };
  // IMAP LIST wildcards: such a folder could not be listed on its own.
  if (/[*%]/.test(name)) return { key: 'wildcard' };
  if (delimiter && name.includes(delimiter)) return { key: 'delimiter', values: { delimiter } };
  return null;
}

/** What is wrong with a folder name: the words are the catalog's `errors.folderName.<key>`. */
export interface FolderNameIssue {
  key: 'required' | 'tooLong' | 'control' | 'wildcard' | 'delimiter';
  values?: Record<string, string | number>;
}

const FOLDER_NAME_WORDS: Record<FolderNameIssue['key'], (v: Record<string, string | number>) => string> = {
  required: () => 'Folder name is required',
  tooLong: (v) => `Folder name must be at most ${v.max} characters`,
  control: () => 'Folder name cannot contain line breaks or NUL characters',
  wildcard: () => 'Folder name cannot contain * or %',
  delimiter: (v) => `Folder name cannot contain "${v.delimiter}": choose a parent folder to create it inside another`,
};

/** folderNameIssue in English (the schema's words, logs, tests), or null when the name can be used. */
export function folderNameProblem(name: string, delimiter?: string): string | null {
  const issue = folderNameIssue(name, delimiter);
  return issue && FOLDER_NAME_WORDS[issue.key](issue.values ?? {});
}

/** A folder name as typed: surrounding whitespace dropped, then the server-independent rules. */
export const folderNameSchema = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const issue = folderNameIssue(name);
    // The key travels with the issue: the server words it in the user's language (server/http/error-response.ts).
    if (issue) ctx.addIssue({ code: 'custom', message: folderNameProblem(name)!, params: { folderName: issue } });
  });

export const folderListQuerySchema = z.object({
  all: z
    .enum(['0', '1'])
    .optional()
    .transform((v) => v === '1'),
});

export const createFolderInputSchema = z.object({
  /** The folder to create it in; null (or absent) for the top level. */
  parent: folderPathSchema.nullish().transform((v) => v ?? null),
  name: folderNameSchema,
});
export type CreateFolderInput = z.infer<typeof createFolderInputSchema>;

export const renameFolderInputSchema = z.object({
  path: folderPathSchema,
  /** The new last segment: a rename never moves a folder to another parent. */
  name: folderNameSchema,
});
export type RenameFolderInput = z.infer<typeof renameFolderInputSchema>;

export const folderPathQuerySchema = z.object({ path: folderPathSchema });

/**
 * Who a folder is shared with (RFC 4314 identifier): another user's login name. "anyone",
 * "authenticated" and "owner" are not offered (sharing with every user is the mail
 * administrator's, through public folders), nor negative rights ("-ben") or groups ("$team").
 */
export const aclIdentifierSchema = z
  .string()
  .trim()
  .min(1, 'Enter the user name to share with')
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]*$/, 'A user name has letters, digits and . _ @ + - only')
  .refine((v) => !['anyone', 'authenticated', 'anonymous', 'owner'].includes(v.toLowerCase()), 'Share with one user by name: not with everyone');

export const folderAclInputSchema = z.object({
  path: folderPathSchema,
  identifier: aclIdentifierSchema,
  /** The rights in plain words (lib/rights.ts), the whole set: what is not named is taken away. */
  rights: z
    .array(z.enum(RIGHT_KEYS))
    .min(1)
    .max(RIGHT_KEYS.length)
    .refine((keys) => keys.includes('see'), 'Every right needs "see": without it the folder is not shown'),
});
export type FolderAclInput = z.infer<typeof folderAclInputSchema>;

export const folderAclDeleteQuerySchema = z.object({ path: folderPathSchema, identifier: aclIdentifierSchema });
export type FolderAclDeleteInput = z.infer<typeof folderAclDeleteQuerySchema>;

export const subscriptionInputSchema = z.object({
  path: folderPathSchema,
  subscribed: z.boolean(),
});
export type SubscriptionInput = z.infer<typeof subscriptionInputSchema>;

/** Organize: move, copy, delete, archive, junk. Each names its messages by one selection. */
export const moveInputSchema = z.object({
  selection: selectionSchema,
  destination: folderPathSchema,
});
export type MoveInput = z.infer<typeof moveInputSchema>;

export const copyInputSchema = moveInputSchema;
export type CopyInput = MoveInput;

export const deleteInputSchema = z.object({
  selection: selectionSchema,
  /** Expunge instead of moving to Trash (always so for messages in Trash or Junk). */
  permanent: z.boolean().default(false),
});
export type DeleteInput = z.infer<typeof deleteInputSchema>;

export const archiveInputSchema = z.object({
  selection: selectionSchema,
  /** Create an Archive folder when the account has none (asked once by the UI). */
  create: z.boolean().default(false),
});
export type ArchiveInput = z.infer<typeof archiveInputSchema>;

export const junkInputSchema = z.object({
  selection: selectionSchema,
  /** true: to Junk, flagged $Junk; false: to Inbox, flagged $NotJunk. */
  junk: z.boolean(),
});
export type JunkInput = z.infer<typeof junkInputSchema>;

export const emptyFolderInputSchema = z.object({ folder: folderPathSchema });

/** POST /api/search/prepare: the folder the search box is about to search. */
export const prepareSearchInputSchema = z.object({ folder: folderPathSchema });
export type EmptyFolderInput = z.infer<typeof emptyFolderInputSchema>;

/** What to do with every message of a search's result set. */
export const resultSetActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('archive'), create: z.boolean().default(false) }),
  z.object({ type: z.literal('move'), destination: folderPathSchema }),
  z.object({ type: z.literal('copy'), destination: folderPathSchema }),
  z.object({ type: z.literal('delete'), permanent: z.boolean().default(false) }),
  /** To Junk; results already in Junk go to the Inbox as not junk. */
  z.object({ type: z.literal('junk') }),
  z.object({ type: z.literal('flags'), seen: z.boolean().optional(), flagged: z.boolean().optional() }),
]);
export type ResultSetAction = z.infer<typeof resultSetActionSchema>;

/**
 * POST /api/search/results/action: "select all N results" of a search. The browser names the
 * result set by the token its search answered (the UIDs stay on the server) and the count it
 * showed the user: a set that expired or no longer has that count is refused, nothing done.
 */
export const resultSetActionInputSchema = z.object({
  resultSet: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Malformed result set'),
  count: z.number().int().min(1).max(100_000_000),
  action: resultSetActionSchema,
});
export type ResultSetActionInput = z.infer<typeof resultSetActionInputSchema>;

/*
 * Settings that follow the user (server/mail/settings.ts): kept on the mail server (IMAP
 * METADATA) or in Wren's store. Header-bound text (names, addresses) refuses CR and LF.
 */
const settingsLine = (max: number) => z.string().max(max).regex(NO_LINE_BREAKS, 'Line breaks are not allowed here');
const settingsAddress = z.string().max(ADDRESS_MAX).regex(ADDRESS_PATTERN, 'Not an email address');

/** The most identities a user keeps, and the longest signature (HTML or text), in characters. */
export const MAX_IDENTITIES = 20;
export const SIGNATURE_MAX = 10_000;
/** The largest settings object, serialized as JSON (UTF-8 bytes): what the server entry holds. */
export const SETTINGS_MAX_BYTES = 64 * 1024;

export const identitySchema = z.object({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Malformed identity id'),
  name: settingsLine(ADDRESS_NAME_MAX).default(''),
  address: settingsAddress,
  replyTo: settingsAddress.optional(),
  signatureHtml: z.string().max(SIGNATURE_MAX).optional(),
  signatureText: z.string().max(SIGNATURE_MAX).optional(),
  isDefault: z.boolean().default(false),
});
export type Identity = z.infer<typeof identitySchema>;

export const uiSettingsSchema = z.object({
  density: z.enum(['comfortable', 'compact']).default('comfortable'),
  markReadDelayMs: z.number().int().min(0).max(10_000).default(0),
  undoSeconds: z.number().int().min(5).max(30).default(10),
  /** Send holds the message this long with an Undo (the scheduler sends it: server/scheduler/); 0: sent at once. */
  undoSendSeconds: z.number().int().min(0).max(30).refine((n) => n === 0 || n >= 5, 'Off, or 5 to 30 seconds').default(5),
  swipeLeft: z.enum(['archive', 'delete']).default('archive'),
  /** Where an open message shows on a desktop: beside the list, under it, or in its place. */
  readingPane: z.enum(['right', 'bottom', 'off']).default('right'),
  /** The UI's language: the browser's (Accept-Language) or one of lib/i18n/config.ts's. */
  language: z.enum(LANGUAGE_SETTINGS).default('auto'),
  /** Light or dark: as the system is, or the user's choice (rendered on <html> by app/layout.tsx). */
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** A folder's list groups messages into conversations (#21), unless the user turns it off: one row per message. */
  conversations: z.boolean().default(true),
  /** Each folder's list order (lib/sort.ts), by folder path; folders not named list by arrival. */
  folderSort: z
    .record(folderPathSchema, z.enum(SORT_ORDERS))
    .refine((sorts) => Object.keys(sorts).length <= MAX_FOLDER_SORTS, `At most ${MAX_FOLDER_SORTS} folders keep an order`)
    .optional(),
});
export type UiSettings = z.infer<typeof uiSettingsSchema>;

export const settingsSchema = z.object({
  displayName: settingsLine(200).default(''),
  ui: uiSettingsSchema.default(() => uiSettingsSchema.parse({})),
  /**
   * Where a reply's or forward's signature goes: right under what the user writes, above the
   * quote (Wren starts a reply above the quote), or under the whole quote.
   */
  signaturePosition: z.enum(['above', 'below']).default('above'),
  identities: z
    .array(identitySchema)
    .max(MAX_IDENTITIES)
    .default([])
    .refine((list) => list.filter((i) => i.isDefault).length <= 1, 'At most one identity is the default')
    .refine((list) => new Set(list.map((i) => i.id)).size === list.length, 'Identity ids must be unique'),
});
export type Settings = z.infer<typeof settingsSchema>;

/** PUT /api/settings/sort: one folder's list order, saved into the settings. */
export const folderSortInputSchema = z.object({ folder: folderPathSchema, sort: z.enum(SORT_ORDERS) });

/*
 * Vacation and filters (server/sieve/, server/mail/filters.ts): Wren's one Sieve script is
 * generated from this model, which the script also carries (so it reads back as it was saved).
 * Text that lands on one line of the script (values, subjects, addresses, folders) refuses CR,
 * LF and NUL; the reply's text may hold line breaks, never NUL. The generator escapes the rest.
 */
const sieveLine = (min: number, max: number) =>
  z.string().min(min, 'This is required').max(max).regex(NO_LINE_BREAKS, 'Line breaks are not allowed here');
const sieveAddress = z.string().max(ADDRESS_MAX).regex(ADDRESS_PATTERN, 'Not an email address');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Not a date');

export const VACATION_TEXT_MAX = 10_000;
export const VACATION_ADDRESSES_MAX = 20;
export const MAX_FILTER_RULES = 200;
export const FILTER_VALUE_MAX = 500;

export const vacationSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** First and last day (inclusive, the mail server's calendar) of the replies; null: no bound. */
    start: isoDate.nullable().default(null),
    end: isoDate.nullable().default(null),
    /** Empty: the server's own ("Auto: <their subject>"). */
    subject: sieveLine(0, 200).default(''),
    text: z.string().max(VACATION_TEXT_MAX).regex(/^[^\0]*$/, 'NUL characters are not allowed').default(''),
    /** The user's other addresses: mail to them is answered too (Sieve's :addresses). */
    addresses: z.array(sieveAddress).max(VACATION_ADDRESSES_MAX).default([]),
    /** Each sender gets at most one reply in this many days. */
    days: z.number().int().min(1).max(90).default(7),
  })
  .refine((v) => !v.enabled || v.text.trim() !== '', { message: 'Write the text of the reply', path: ['text'] })
  .refine((v) => !v.start || !v.end || v.start <= v.end, { message: 'The last day comes before the first', path: ['end'] });
export type Vacation = z.infer<typeof vacationSchema>;

export const filterRuleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Malformed rule id'),
    enabled: z.boolean().default(true),
    /** The condition: this header (To means To or Cc) contains, or is, `value` (case-insensitive). */
    field: z.enum(['from', 'to', 'subject', 'list-id']),
    match: z.enum(['contains', 'is']).default('contains'),
    value: sieveLine(1, FILTER_VALUE_MAX),
    /** The actions. */
    fileInto: folderPathSchema.nullable().default(null),
    markRead: z.boolean().default(false),
    star: z.boolean().default(false),
    forwardTo: sieveAddress.nullable().default(null),
    /** With forwardTo: keep the message here too (Sieve's redirect :copy). */
    forwardKeep: z.boolean().default(true),
    /** Delete it on arrival (nothing later applies). */
    discard: z.boolean().default(false),
    /** No later rule, and no vacation reply, applies to a message this rule took. */
    stop: z.boolean().default(false),
  })
  .refine((r) => r.fileInto !== null || r.markRead || r.star || r.forwardTo !== null || r.discard, 'A rule needs an action')
  .refine((r) => !(r.discard && r.fileInto !== null), 'A rule cannot both move and delete a message');
export type FilterRule = z.infer<typeof filterRuleSchema>;

const filterRulesSchema = z
  .array(filterRuleSchema)
  .max(MAX_FILTER_RULES)
  .refine((list) => new Set(list.map((r) => r.id)).size === list.length, 'Rule ids must be unique');

/** What Wren's script carries: the whole model, read back on every GET. */
export const sieveModelSchema = z.object({
  vacation: vacationSchema.default(() => vacationSchema.parse({})),
  rules: filterRulesSchema.default([]),
});
export type SieveModel = z.infer<typeof sieveModelSchema>;

/**
 * `replaceActive`: another script (not Wren's) is active, and the user agreed that Wren's takes
 * its place. Without it, saving while another is active is refused (409), nothing changed.
 */
export const vacationInputSchema = z.object({ vacation: vacationSchema, replaceActive: z.boolean().default(false) });
export type VacationInput = z.infer<typeof vacationInputSchema>;

export const filterRulesInputSchema = z.object({ rules: filterRulesSchema, replaceActive: z.boolean().default(false) });
export type FilterRulesInput = z.infer<typeof filterRulesInputSchema>;

/** Block sender, and "filter messages like this": the open message, by id. */
export const filterFromMessageSchema = z.object({ id: z.string().min(1).max(1500), replaceActive: z.boolean().default(false) });
export type FilterFromMessageInput = z.infer<typeof filterFromMessageSchema>;
export const filterLikeQuerySchema = z.object({ id: z.string().min(1).max(1500) });

/*
 * Push notifications (issue #19): a device's Web Push subscription as PushManager gives it
 * (PushSubscription.toJSON(): the push service's endpoint and the two keys of RFC 8291), and
 * whether that device shows the sender and subject. An endpoint is a push service's URL; which
 * services Wren will call is decided when it sends (server/mail/push/network.ts).
 */
const base64urlBytes = (bytes: number) => z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'Not base64url').refine((v) => decodedLength(v) === bytes, `Must encode ${bytes} bytes`);
function decodedLength(base64url: string): number {
  const bare = base64url.replace(/=+$/, '');
  return Math.floor((bare.length * 3) / 4);
}

export const pushSubscriptionInputSchema = z.object({
  endpoint: z.string().max(2048).url().refine((u) => /^https?:\/\//.test(u), 'Not an http(s) URL'),
  keys: z.object({
    /** The device's P-256 public key, uncompressed (65 bytes). */
    p256dh: base64urlBytes(65),
    /** The shared authentication secret (16 bytes). */
    auth: base64urlBytes(16),
  }),
  /** Show the sender and subject on this device's notifications (else "New mail"). */
  previews: z.boolean().default(false),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInputSchema>;

/** A device is named by the id the list gives it (a hash of its endpoint), never by its endpoint. */
export const pushDeviceIdSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Malformed device id') });
