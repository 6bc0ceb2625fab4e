import 'server-only';
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import type { OfflineKeyDto } from '@/lib/types';
import { env } from '../env';
import type { Session } from './session';

/*
 * The key a signed-in session's browser encrypts its offline copy of mail under (#19, offline
 * reading). It is derived, never stored: HKDF-SHA256 over the session's cookie key (the 256-bit
 * secret only the sealed cookie carries, which also seals the IMAP password), salted with the
 * session id, so every Wren process computes the same key for the same session and a new sign-in
 * gets a new one. The browser keeps it as a non-extractable CryptoKey (lib/offline/store.ts);
 * knowing it reveals nothing of the cookie key (HKDF is one-way).
 */

function derive(session: Session, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(session.key, 'base64url'), Buffer.from(session.id, 'utf8'), `wren offline ${purpose} v1`, 32));
}

/**
 * The name of the user's offline database in the browser: one per user (a second user of the
 * browser has another), opaque (an HMAC of the username under SESSION_SECRET: the name alone
 * does not say whose it is), the same on every process.
 */
export function offlineStoreName(username: string): string {
  const key = createHmac('sha256', env().SESSION_SECRET).update('wren offline store v1').digest();
  return `wren-offline-${createHmac('sha256', key).update(username.trim().toLowerCase()).digest().subarray(0, 12).toString('hex')}`;
}

/** What `GET /api/offline/key` answers: the session's two keys (encryption, record names) and whose store. */
export function offlineKeyOf(session: Session): OfflineKeyDto {
  const enc = derive(session, 'enc');
  return {
    user: session.username,
    store: offlineStoreName(session.username),
    // Names the key without revealing it: a store written under another session's key is dropped.
    keyId: createHash('sha256').update(enc).digest().subarray(0, 8).toString('hex'),
    enc: enc.toString('base64url'),
    mac: derive(session, 'mac').toString('base64url'),
    expiresAt: session.expiresAt ?? Date.now() + env().SESSION_TTL * 1000,
  };
}
