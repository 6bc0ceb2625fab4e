import 'server-only';
import { createHash } from 'node:crypto';
import { SETTINGS_MAX_BYTES, settingsSchema, type Settings } from '@/lib/schemas';
import type { SettingsDto } from '@/lib/types';
import { AppError } from '../errors';
import { getServerMetadata, setServerMetadata, supportsServerMetadata } from '../imap/commands/metadata';
import { withClient } from '../imap/pool';
import { store } from '../session/session';
import type { Session } from '../session/session';

/*
 * Settings that follow the user (display name, identities and signatures, UI preferences): one
 * JSON object, kept on the mail server in a private IMAP METADATA entry (RFC 5464) where the
 * server offers METADATA, so every device and every Wren process sees them, and a Wren restart,
 * with or without Redis, loses nothing.
 *
 * The fallback, for a server without METADATA: Wren's session store, keyed by the username
 * (Redis when REDIS_URL is set: shared by every process, lost only with Redis; process memory
 * otherwise: lost at each restart). GET says which (`storage`) so the UI can tell the user.
 */

/** The server entry: private (this user's only), under a vendor prefix (RFC 5464 section 3.2). */
export const SETTINGS_ENTRY = '/private/vendor/wren/settings';

const STORE_TTL_SECONDS = 400 * 24 * 3600;

const storeKey = (session: Session) => `settings:${createHash('sha256').update(session.username.toLowerCase()).digest('base64url')}`;

const defaults = (): Settings => settingsSchema.parse({});

/**
 * What is stored, read back: a value that is not JSON or no longer fits the schema (written by
 * hand, or by another version) gives the defaults rather than an error the user cannot fix.
 */
function parseStored(raw: string | null): Settings {
  if (!raw) return defaults();
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : defaults();
  } catch {
    return defaults();
  }
}

/** The user's settings (defaults when none were saved), and where they are kept. */
export async function getSettings(session: Session): Promise<SettingsDto> {
  return withClient(session, async (client) => {
    if (supportsServerMetadata(client)) {
      return { settings: parseStored(await getServerMetadata(client, SETTINGS_ENTRY)), storage: 'imap-metadata' };
    }
    return { settings: parseStored(await store().read(storeKey(session))), storage: 'wren-store' };
  });
}

/** Replaces the user's settings with `settings` (already validated); answers them as stored. */
export async function saveSettings(session: Session, settings: Settings): Promise<SettingsDto> {
  const json = JSON.stringify(settings);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > SETTINGS_MAX_BYTES) {
    throw new AppError('payload_too_large', `Settings may take at most ${SETTINGS_MAX_BYTES / 1024} KB; these take ${Math.ceil(bytes / 1024)} KB.`);
  }
  // SETMETADATA sets the whole value, so running it twice after a lost connection is harmless.
  return withClient(session, async (client) => {
    if (supportsServerMetadata(client)) {
      await setServerMetadata(client, SETTINGS_ENTRY, json);
      return { settings, storage: 'imap-metadata' };
    }
    await store().put(storeKey(session), json, STORE_TTL_SECONDS);
    return { settings, storage: 'wren-store' };
  });
}
