import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from '../env';

/*
 * Device cookies (OWASP's "Slow Down Online Guessing Attacks with Device Cookies"). A browser
 * that signed in as a user gets a signed token naming that user; its later sign-ins as the same
 * user are counted against that device only, not against the username or the client address,
 * so neither a colleague's typos behind the same NAT address nor an attacker guessing the
 * username locks out a browser that has signed in before. A device that keeps failing is
 * throttled on its own, like a username.
 */

export const DEVICE_COOKIE = 'wren_device';
const MAX_AGE_S = 365 * 24 * 3600;
// Sent only to the sign-in endpoint: no other request needs it.
const COOKIE_PATH = '/api/session';

const normalize = (username: string) => username.trim().toLowerCase();
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function sign(payload: string): string {
  // A key of its own, derived from the session secret, so a device token is no other token.
  const key = createHmac('sha256', env().SESSION_SECRET).update('wren device cookie v1').digest();
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** A new device token for `username`: `<user>.<nonce>.<signature>`. */
export function issueDeviceToken(username: string): string {
  const payload = `${b64(normalize(username))}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${sign(payload)}`;
}

/** The device id (its nonce) when `token` is a genuine device token of `username`, else null. */
export function deviceOf(token: string | undefined, username: string): string | null {
  if (!token || token.length > 300) return null;
  const [user, nonce, signature, extra] = token.split('.');
  if (!user || !nonce || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(`${user}.${nonce}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return user === b64(normalize(username)) ? nonce : null;
}

export function deviceCookieHeader(token: string, secure: boolean): string {
  const parts = [`${DEVICE_COOKIE}=${token}`, `Path=${COOKIE_PATH}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${MAX_AGE_S}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}
