/** Wire types shared by the API and the UI. They never carry credentials. */

import type { FilterRule, Settings, Vacation } from './schemas';
import type { SortOrder } from './sort';

export type FolderRole = 'inbox' | 'drafts' | 'sent' | 'archive' | 'junk' | 'trash';

/** Whose folders: the user's own, another user's shared with them, or public (RFC 2342). */
export type FolderNamespace = 'personal' | 'shared' | 'public';

export interface FolderDto {
  path: string;
  /** Display name: the role's name for special-use folders, else the last path segment. */
  name: string;
  delimiter: string;
  /** Path segments of the parent, for the tree's indentation. */
  depth: number;
  parentPath: string | null;
  role: FolderRole | null;
  selectable: boolean;
  total: number | null;
  unread: number | null;
  /**
   * Whether the user subscribed to the folder. In the default (subscribed) listing a folder
   * with `false` is there only to hold the tree together: a subfolder of it is subscribed.
   * Shared and public folders are always shown: true.
   */
  subscribed: boolean;
  namespace: FolderNamespace;
  /** The login name of the user who shared it (`shared` only); null otherwise. */
  owner: string | null;
  /**
   * The user's rights on it (RFC 4314 letters, lib/rights.ts): MYRIGHTS for shared and public
   * folders, every right on the user's own.
   */
  rights: string;
}

/** Who may do what in a folder the user shares (GET /api/folders/acl): the user's own entry left out. */
export interface FolderAclDto {
  path: string;
  entries: Array<{ identifier: string; rights: string }>;
}

export interface AddressDto {
  name: string;
  address: string;
}

export interface MessageSummaryDto {
  id: string;
  /** Path of the folder it is in (results of an all-folder search come from many). */
  folder: string;
  uid: number;
  from: AddressDto | null;
  subject: string;
  /** ISO 8601 arrival time (INTERNALDATE). */
  date: string;
  size: number;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  hasAttachments: boolean;
  /** A line of the text, plain and at most 200 characters, where the server has PREVIEW (RFC 8970). */
  preview?: string;
  /**
   * A conversation's row (#21, only when it holds more than one message of this folder): the row
   * is its newest message, `seen` false and `flagged` true if any message is; `uids` every
   * message of it in this folder, newest first (actions take them all); `participants` the
   * senders, oldest first, distinct.
   */
  conversation?: { uids: number[]; participants: string[] };
}

/** An open conversation (GET /api/conversations/:id): its messages oldest first, from this folder, Sent and Archive. */
export interface ConversationDto {
  id: string;
  subject: string;
  messages: MessageSummaryDto[];
}

export interface MessagePageDto {
  folder: string;
  total: number;
  offset: number;
  messages: MessageSummaryDto[];
  /** Where the folder stood when this page was read: the point a later catch-up starts from. */
  sync: FolderSyncDto;
  /**
   * A search's page only: the token of its whole result set (`total` messages), pinned on the
   * server by UID, for acting on all results (POST /api/search/results/action); null when too
   * large to pin.
   */
  resultSet?: string | null;
  /** A folder's page: the order it is in (lib/sort.ts), and whether the server can sort (SORT) at all. */
  sort?: SortOrder;
  canSort?: boolean;
}

/**
 * A search's whole result set as the browser knows it: the server's token for the UIDs it
 * pinned, the true count and how many results are in each folder.
 */
export interface SearchResultSet {
  token: string;
  count: number;
  folders: Array<{ folder: string; count: number }>;
}

export interface FolderSyncDto {
  uidValidity: string;
  /** UIDNEXT: messages with this UID or higher arrived after this point. */
  uidNext: number;
  /** HIGHESTMODSEQ (CONDSTORE); null when the server or folder keeps none. */
  highestModseq: string | null;
}

/** What changed in a folder since a sync point (CONDSTORE/QRESYNC): only those messages. */
export interface FolderChangesDto {
  folder: string;
  /** True when the folder's UIDVALIDITY changed (or the server cannot say): reload the folder. */
  reset: boolean;
  sync: FolderSyncDto;
  total: number;
  /** Messages new or with changed flags since the sync point, headers only. */
  changed: MessageSummaryDto[];
  /** UIDs expunged since the sync point. */
  vanished: number[];
}

/** One server-sent event of the live stream (GET /api/events). */
export type LiveEventDto =
  | { type: 'exists'; folder: string; count: number }
  | { type: 'expunge'; folder: string; uid: number | null }
  | { type: 'flags'; folder: string; uid: number | null; seen: boolean; flagged: boolean; answered: boolean }
  /** The folder changed (the server said so without saying what): catch up with /api/messages/changes. */
  | { type: 'changed'; folder: string }
  | { type: 'folders'; folders: Array<{ path: string; total: number | null; unread: number | null }> }
  /** Something may have been missed (a gap, a reconnect): catch up with /api/messages/changes. */
  | { type: 'resync' };

/**
 * One line of the all-folder search stream (NDJSON): a folder's newest matches as soon as that
 * folder is searched, then `done`. `resume` says where "show more" continues in that folder.
 */
export type SearchEventDto =
  | { type: 'folder'; folder: string; matches: number; messages: MessageSummaryDto[]; resume: { uidValidity: string; below: number } | null }
  /** `resultSet`: the token of every folder's whole set of matches (see MessagePageDto). */
  | { type: 'done'; folders: number; resultSet?: string | null }
  | { type: 'error'; error: { code: string; message: string } };

export interface AttachmentDto {
  part: string;
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
}

export type MessageBodyDto =
  /**
   * imagesAlways: the user chose to always see images from this sender. ownColors: the HTML sets
   * text colours or backgrounds of its own, so the dark theme shows it as designed, on a light card.
   */
  | { kind: 'html'; html: string; hasRemoteContent: boolean; imagesAlways: boolean; ownColors: boolean }
  | { kind: 'text'; text: string }
  /** Past Wren's bounds (parts, depth, size, sanitize time): offered as a raw download instead. */
  | { kind: 'too_complex'; reason: string }
  | { kind: 'none' };

export interface MessageDto {
  id: string;
  folder: string;
  from: AddressDto[];
  to: AddressDto[];
  cc: AddressDto[];
  replyTo: AddressDto[];
  subject: string;
  date: string;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  body: MessageBodyDto;
  attachments: AttachmentDto[];
  /** How to leave the mailing list it came from (List-Unsubscribe), when it says. */
  unsubscribe?: UnsubscribeDto;
}

/**
 * One-click (RFC 8058: Wren's server POSTs, the URI stays on the server; `host` says where), else
 * the mailto: form for the composer, else an http(s) link to open.
 */
export type UnsubscribeDto = { method: 'one-click'; host: string } | { method: 'mailto'; href: string } | { method: 'link'; href: string };

export interface SessionInfoDto {
  username: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/**
 * GET /api/settings: the user's settings, and where they are kept: on the mail server (IMAP
 * METADATA, every device and Wren process sees them) or, where the server lacks METADATA, in
 * Wren's own store (Redis when configured: lost with it; process memory otherwise: lost at restart).
 */
export interface SettingsDto {
  settings: Settings;
  storage: UserDataStorage;
}

/** Where what follows the user is kept: on the mail server (IMAP METADATA), or in Wren's own store. */
export type UserDataStorage = 'imap-metadata' | 'wren-store';

/** GET /api/image-senders: the senders whose remote images are always shown, and where the list is kept. */
export interface ImageSendersDto {
  senders: string[];
  storage: UserDataStorage;
}

/**
 * The account's quota (RFC 9208 GETQUOTAROOT INBOX): bytes used and allowed, messages used and
 * allowed; a figure is absent when the server sets no such limit. `null` from the API when the
 * server has no QUOTA capability.
 */
export interface QuotaDto {
  usedBytes?: number;
  limitBytes?: number;
  usedMessages?: number;
  limitMessages?: number;
}

/**
 * Vacation and filters (ManageSieve). Unavailable: the server has none (SIEVE_PORT=0, refused,
 * not reachable); `reason` says so in words for the UI, which then hides filters.
 */
export interface SieveUnavailableDto {
  available: false;
  reason: string;
}

/**
 * Whose script the server runs at delivery: Wren's ('wren'), none, or another one, shown
 * read-only (`otherScript`); saving Wren's then replaces it, so the UI asks first.
 */
export interface SieveStateDto {
  available: true;
  active: 'wren' | 'none' | 'other';
  otherScript: { name: string; script: string } | null;
  /** What Wren can offer on this server: false where its Sieve lacks the extension. */
  supports: { dates: boolean; flags: boolean; forwardCopy: boolean; fileInto: boolean; vacation: boolean };
}

export type VacationDto = SieveUnavailableDto | (SieveStateDto & { vacation: Vacation });
export type FiltersDto = SieveUnavailableDto | (SieveStateDto & { rules: FilterRule[] });

/** POST /api/filters/block: the rule added (or already there) and the folder it files into. */
export interface BlockSenderDto {
  address: string;
  folder: string;
  rule: FilterRule;
  alreadyBlocked: boolean;
}

/** GET /api/filters/like: a new rule for messages like this one (its List-Id, else its sender). */
export interface FilterSuggestionDto {
  rule: FilterRule;
}

/** Whether push notifications can be turned on here, and the key a device subscribes with. */
export interface PushConfigDto {
  enabled: boolean;
  /** The VAPID public key (base64url) for PushManager.subscribe; null when push is off. */
  publicKey: string | null;
  /**
   * How Wren hears of new mail: `dovecot` (the mail server reports each delivery), `idle` (Wren
   * watches INBOX while it holds a live sign-in of the user), null when push is off.
   */
  source: 'dovecot' | 'idle' | null;
}

/** One device that receives this user's notifications. */
export interface PushDeviceDto {
  /** A hash of its endpoint: the browser hashes its own to find itself in the list. */
  id: string;
  /** What browser on what system, from its User-Agent when it subscribed. */
  label: string;
  previews: boolean;
  createdAt: number;
}

/**
 * `GET /api/offline/key`: what the browser encrypts its offline copy of mail under (#19). The keys
 * are derived on the server from the session's own secret (server/session/offline-key.ts): the
 * same for the session on every Wren process, another for the next sign-in.
 */
export interface OfflineKeyDto {
  /** Whose mail the store holds. */
  user: string;
  /** The browser's database for this user (opaque, one per user). */
  store: string;
  /** Names the key (a digest of it): a store written under another key is dropped. */
  keyId: string;
  /** AES-256-GCM key for the records (base64url, 32 bytes). */
  enc: string;
  /** HMAC-SHA-256 key for the records' names, so no folder or message id is stored in the clear (base64url, 32 bytes). */
  mac: string;
  /** When the session ends at the latest (ms since the epoch): the copy is dropped then, even offline. */
  expiresAt: number;
}
