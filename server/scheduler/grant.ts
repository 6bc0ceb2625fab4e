import 'server-only';
import { hkdfSync } from 'node:crypto';
import { env } from '../env';
import { decryptSecret, encryptSecret, newSessionSecrets } from '../session/crypto';
import type { Session } from '../session/session';
import { sessionCredentials } from '../session/session';
import { schedulerState } from './state';

/**
 * The credential the scheduler signs in with when no session of the user is open (a message
 * sent later while the browser is closed). A sign-in's password is sealed under the cookie's key
 * only; a job must outlive the cookie, so while a user has scheduled work Wren keeps a second
 * copy, AES-256-GCM under a key derived from SESSION_SECRET for that user (HKDF), in the
 * scheduler's state (Redis with REDIS_URL, else this process's memory), expiring a day after
 * the user's last job is due. Neither Redis alone nor SESSION_SECRET alone reveals it; both
 * together do, for the users with pending work: that is the trade-off (docs/ARCHITECTURE.md).
 */
export const GRANT_GRACE_SECONDS = 24 * 3600;

function grantKey(username: string): string {
  const bytes = hkdfSync('sha256', Buffer.from(env().SESSION_SECRET, 'utf8'), Buffer.from(username, 'utf8'), 'wren scheduler grant v1', 32);
  return Buffer.from(bytes).toString('base64url');
}

/** Keeps (or extends) the user's grant so that it lives at least until `dueAt` plus the grace. */
export async function keepGrant(session: Session, dueAt: number): Promise<void> {
  const state = schedulerState();
  const { user, pass } = sessionCredentials(session);
  const wanted = Math.ceil((dueAt - Date.now()) / 1000) + GRANT_GRACE_SECONDS;
  const ttl = Math.max(wanted, await state.grantTtl(user));
  await state.putGrant(user, encryptSecret(pass, grantKey(user)), ttl);
}

/**
 * A session-shaped handle for the scheduler's own IMAP and SMTP work as `username`, its
 * password sealed under a fresh key of its own; null when no grant is kept. Its id is never a
 * real session's, and the scheduler closes its connections when done.
 */
export async function grantSession(username: string): Promise<Session | null> {
  const sealed = await schedulerState().grant(username);
  if (!sealed) return null;
  let pass: string;
  try {
    pass = decryptSecret(sealed, grantKey(username));
  } catch {
    return null; // SESSION_SECRET changed: the work waits for the user's next sign-in.
  }
  const { id, key } = newSessionSecrets();
  return { id: `scheduler:${id}`, username, key, sealedPassword: encryptSecret(pass, key) };
}

export function isSchedulerSession(session: Session): boolean {
  return session.id.startsWith('scheduler:');
}
