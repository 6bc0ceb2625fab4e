import 'server-only';
import { createHmac } from 'node:crypto';
import { env } from '../../env';

/** Push as configured: null when the VAPID settings are absent (push off). */
export interface PushSettings {
  vapid: { subject: string; publicKey: string; privateKey: string };
  /** How new mail is heard of: the mail server's hook, or Wren's own IDLE watch. */
  source: 'dovecot' | 'idle';
}

export function pushSettings(): PushSettings | null {
  const config = env();
  if (!config.VAPID_PUBLIC_KEY || !config.VAPID_PRIVATE_KEY || !config.VAPID_SUBJECT) return null;
  return {
    vapid: { subject: config.VAPID_SUBJECT, publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY },
    source: config.PUSH_SOURCE ?? (config.PUSH_DOVECOT_SECRET ? 'dovecot' : 'idle'),
  };
}

/**
 * The name a user's push state is kept under, and what the mail server's hook names the user
 * by: an HMAC of the username under a key derived from SESSION_SECRET. Dovecot's OX driver
 * sends back whatever the user's METADATA entry says (`user_from_metadata`), and any user may
 * write their own entry: with a plain username there, one user could have Dovecot report their
 * mail as another's and reach that user's devices. A token cannot be guessed without the secret,
 * and it does not depend on how the mail server spells the username.
 */
export function pushUserToken(username: string): string {
  const key = createHmac('sha256', env().SESSION_SECRET).update('wren push user v1').digest();
  return createHmac('sha256', key).update(username.trim().toLowerCase()).digest().subarray(0, 16).toString('base64url');
}
