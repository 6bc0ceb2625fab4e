import 'server-only';
import { cache } from 'react';
import { settingsSchema, type Settings, type UiSettings } from '@/lib/schemas';
import type { SettingsDto } from '@/lib/types';
import { rememberLanguage, type Session } from '../session/session';
import { sanitizeSignature } from './html/sanitize-pool';
import { readUserEntry, SETTINGS_ENTRY, writeUserEntry } from './user-data/user-entry';

/*
 * Settings that follow the user (display name, identities and signatures, UI preferences): one
 * JSON object in the private METADATA entry /private/vendor/wren/settings, or in Wren's store
 * where the server has no METADATA (user-data/user-entry.ts says where and why).
 */

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

/**
 * Rich signatures through the composer's sanitizer (formatting and links; no image that is not
 * a part of the message, so none at all), before they are stored and again when read: the entry
 * may have been written by another program.
 */
async function withSafeSignatures(settings: Settings): Promise<Settings> {
  const identities = await Promise.all(
    settings.identities.map(async (identity) => (identity.signatureHtml ? { ...identity, signatureHtml: await sanitizeSignature(identity.signatureHtml) } : identity)),
  );
  return { ...settings, identities };
}

/**
 * The entry as stored, read once per server render (React's cache, keyed by the render's one
 * session object: server/session/current.ts): the root layout's theme and the page's settings
 * cost one GETMETADATA. Outside a render (route handlers) every call reads afresh.
 */
const readEntry = cache((session: Session) => readUserEntry(session, SETTINGS_ENTRY));

/** The user's settings (defaults when none were saved), signatures made safe, and where they are kept. */
export async function getSettings(session: Session): Promise<SettingsDto> {
  const { raw, storage } = await readEntry(session);
  return { settings: await withSafeSignatures(parseStored(raw)), storage };
}

/** The settings as stored, signatures not sanitized: for checks (the sender of a message), not for a browser. */
export async function readSettings(session: Session): Promise<Settings> {
  return parseStored((await readEntry(session)).raw);
}

/** The UI preferences alone, for the mail page's first paint. */
export async function getUiSettings(session: Session): Promise<UiSettings> {
  return (await readSettings(session)).ui;
}

/** Replaces the user's settings with `settings` (already validated); answers them as stored. */
export async function saveSettings(session: Session, input: Settings): Promise<SettingsDto> {
  const settings = await withSafeSignatures(input);
  const storage = await writeUserEntry(session, SETTINGS_ENTRY, JSON.stringify(settings));
  await rememberLanguage(session, settings.ui.language);
  return { settings, storage };
}
