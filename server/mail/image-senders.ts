import 'server-only';
import { createHash } from 'node:crypto';
import { store } from '../session/session';
import type { Session } from '../session/session';

/*
 * "Always show images from this sender": a per-user list of sender addresses, kept in the
 * session store beside the sessions (Redis when configured, so every device and a restart see
 * it; in memory otherwise). It only spares the click: the images still come through the proxy.
 * A From address can be forged, so a forger gains what the click would have given: an image
 * fetched by Wren, never the reader's address.
 */

const TTL_SECONDS = 400 * 24 * 3600;
const MAX_SENDERS = 2000;

function keyOf(session: Session): string {
  return `image-senders:${createHash('sha256').update(session.username.toLowerCase()).digest('base64url')}`;
}

async function readSenders(session: Session): Promise<string[]> {
  const raw = await store().read(keyOf(session));
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether the user chose to always see images from this address. */
export async function isImageSenderAllowed(session: Session, address: string | undefined): Promise<boolean> {
  if (!address) return false;
  return (await readSenders(session)).includes(address.toLowerCase());
}

/** Remembers (or forgets) a sender whose images are always shown; the newest are kept. */
export async function setImageSender(session: Session, address: string, allow: boolean): Promise<void> {
  const normalized = address.toLowerCase();
  const others = (await readSenders(session)).filter((a) => a !== normalized);
  const next = allow ? [...others, normalized].slice(-MAX_SENDERS) : others;
  if (next.length) await store().put(keyOf(session), JSON.stringify(next), TTL_SECONDS);
  else await store().remove(keyOf(session));
}
