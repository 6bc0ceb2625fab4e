import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A fresh random session id (URL-safe) and a 256-bit key that only the cookie carries. */
export function newSessionSecrets(): { id: string; key: string } {
  return { id: randomBytes(18).toString('base64url'), key: randomBytes(32).toString('base64url') };
}

/** AES-256-GCM under the cookie's key: the store alone cannot reveal a password. */
export function encryptSecret(plain: string, key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', decodeKey(key), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** Throws when the key is wrong or the ciphertext was tampered with. */
export function decryptSecret(sealed: string, key: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('Malformed sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', decodeKey(key), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

function decodeKey(key: string): Buffer {
  const bytes = Buffer.from(key, 'base64url');
  if (bytes.length !== 32) throw new Error('Session key must be 32 bytes');
  return bytes;
}
