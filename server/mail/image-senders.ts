import 'server-only';
import type { ImageSendersDto } from '@/lib/types';
import type { Session } from '../session/session';
import { IMAGE_SENDERS_ENTRY, readUserEntry, writeUserEntry } from './user-data/user-entry';

/*
 * "Always show images from this sender": a per-user list of sender addresses, kept with the
 * user's settings: in the private METADATA entry /private/vendor/wren/image-senders, or in Wren's
 * store where the server has no METADATA (user-data/user-entry.ts; a list kept in the store
 * before moves to the server on first read). It only spares the click: the images still come
 * through the proxy. A From address can be forged, so a forger gains what the click would have
 * given: an image fetched by Wren, never the reader's address.
 */

// The newest are kept: 1,000 addresses of about 30 bytes fit the entry's 64 KB.
const MAX_SENDERS = 1000;

async function readSenders(session: Session): Promise<ImageSendersDto> {
  const { raw, storage } = await readUserEntry(session, IMAGE_SENDERS_ENTRY);
  let senders: string[] = [];
  try {
    const list: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(list)) senders = list.filter((a): a is string => typeof a === 'string');
  } catch {
    // Not JSON (written by another program): as if empty.
  }
  return { senders, storage };
}

/** The senders whose images the user always sees (oldest first), and where the list is kept. */
export function listImageSenders(session: Session): Promise<ImageSendersDto> {
  return readSenders(session);
}

/** Whether the user chose to always see images from this address. */
export async function isImageSenderAllowed(session: Session, address: string | undefined): Promise<boolean> {
  if (!address) return false;
  return (await readSenders(session)).senders.includes(address.toLowerCase());
}

/** Remembers (or forgets) a sender whose images are always shown; the newest are kept. */
export async function setImageSender(session: Session, address: string, allow: boolean): Promise<void> {
  const normalized = address.toLowerCase();
  const others = (await readSenders(session)).senders.filter((a) => a !== normalized);
  const next = allow ? [...others, normalized].slice(-MAX_SENDERS) : others;
  await writeUserEntry(session, IMAGE_SENDERS_ENTRY, next.length ? JSON.stringify(next) : null);
}
