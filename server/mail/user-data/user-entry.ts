import 'server-only';
import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { SETTINGS_MAX_BYTES } from '@/lib/schemas';
import type { UserDataStorage } from '@/lib/types';
import { AppError } from '../../errors';
import { getServerMetadata, setServerMetadata, supportsServerMetadata } from '../../imap/commands/metadata';
import { withClient } from '../../imap/pool';
import { store } from '../../session/session';
import type { Session } from '../../session/session';

/*
 * What follows the user (their settings, the senders whose images they always see): each a JSON
 * value kept on the mail server in a private IMAP METADATA entry (RFC 5464) where the server
 * offers METADATA, so every device and every Wren process sees it, and a Wren restart, with or
 * without Redis, loses nothing.
 *
 * The fallback, for a server without METADATA: Wren's session store, keyed by the username
 * (Redis when REDIS_URL is set: shared by every process, lost only with Redis; process memory
 * otherwise: lost at each restart). Callers say which to the user (`storage`).
 */


export interface UserEntry {
  /** The server entry: private (this user's only), under a vendor prefix (RFC 5464 section 3.2). */
  entry: string;
  /** The key's prefix in Wren's store (the fallback). */
  storePrefix: string;
  /** What it is, for the message that refuses a value too large. */
  label: string;
  maxBytes: number;
}

export const SETTINGS_ENTRY: UserEntry = { entry: '/private/vendor/wren/settings', storePrefix: 'settings', label: 'Settings', maxBytes: SETTINGS_MAX_BYTES };
export const IMAGE_SENDERS_ENTRY: UserEntry = { entry: '/private/vendor/wren/image-senders', storePrefix: 'image-senders', label: 'The list of senders whose images are shown', maxBytes: 64 * 1024 };

const STORE_TTL_SECONDS = 400 * 24 * 3600;

const storeKey = (session: Session, entry: UserEntry) => `${entry.storePrefix}:${createHash('sha256').update(session.username.toLowerCase()).digest('base64url')}`;

/**
 * A value kept in Wren's store before the server was found to offer METADATA (the image senders
 * were kept there before they moved to the server) goes to the server on first read, once.
 */
async function moveFromStore(client: ImapFlow, session: Session, entry: UserEntry): Promise<string | null> {
  const kept = await store().read(storeKey(session, entry));
  if (kept === null) return null;
  await setServerMetadata(client, entry.entry, kept);
  await store().remove(storeKey(session, entry));
  return kept;
}

/** The raw value of `entry` (null when never set), and where it is kept. */
export function readUserEntry(session: Session, entry: UserEntry): Promise<{ raw: string | null; storage: UserDataStorage }> {
  return withClient(session, async (client) => {
    if (supportsServerMetadata(client)) {
      const raw = (await getServerMetadata(client, entry.entry)) ?? (await moveFromStore(client, session, entry));
      return { raw, storage: 'imap-metadata' };
    }
    return { raw: await store().read(storeKey(session, entry)), storage: 'wren-store' };
  });
}

/**
 * Replaces the value of `entry` with `json` (null removes it); refuses one over the entry's size
 * with a message naming the limit. Answers where it is kept.
 */
export function writeUserEntry(session: Session, entry: UserEntry, json: string | null): Promise<UserDataStorage> {
  const bytes = json === null ? 0 : Buffer.byteLength(json, 'utf8');
  if (bytes > entry.maxBytes) {
    throw new AppError('payload_too_large', { key: 'entryTooLarge', values: { what: entry.label, max: entry.maxBytes / 1024, size: Math.ceil(bytes / 1024) } });
  }
  // SETMETADATA sets the whole value, so running it twice after a lost connection is harmless.
  return withClient(session, async (client) => {
    if (supportsServerMetadata(client)) {
      await setServerMetadata(client, entry.entry, json);
      return 'imap-metadata';
    }
    if (json === null) await store().remove(storeKey(session, entry));
    else await store().put(storeKey(session, entry), json, STORE_TTL_SECONDS);
    return 'wren-store';
  });
}
