import 'server-only';
import { env } from '../env';
import { AppError } from '../errors';
import { store } from './session';

/*
 * Sign-in guessing. Failures are counted per username and per client address over
 * SIGNIN_WINDOW seconds (in Redis when configured, so every Wren process counts together).
 * After FREE_FAILURES each further failure doubles a wait before the next attempt (at most a
 * minute); at the limit, attempts are refused until the window ends. A success clears the
 * username's count, never the address's: an attacker's own account must not reset it.
 */

const FREE_FAILURES = 3;
const MAX_WAIT_S = 60;

const userKey = (username: string) => `signin:user:${username.trim().toLowerCase()}`;
const ipKey = (ip: string) => `signin:ip:${ip}`;

/** Seconds to wait after `failures` failures, the last at `lastAt`; 0 when an attempt may go. */
export function waitAfter(failures: number, lastAt: number, limit: number, windowS: number, now = Date.now()): number {
  if (failures >= limit) return Math.max(1, Math.ceil((lastAt + windowS * 1000 - now) / 1000));
  if (failures < FREE_FAILURES) return 0;
  const wait = Math.min(MAX_WAIT_S, 2 ** (failures - FREE_FAILURES)) * 1000;
  return Math.max(0, Math.ceil((lastAt + wait - now) / 1000));
}

async function waitFor(key: string, limit: number): Promise<number> {
  const [count, last] = await Promise.all([store().read(key), store().read(`${key}:last`)]);
  return count ? waitAfter(Number(count), Number(last ?? 0), limit, env().SIGNIN_WINDOW) : 0;
}

/** Refuses with 429 while the username or the address must wait. */
export async function assertMayTrySignIn(username: string, ip: string | undefined): Promise<void> {
  const config = env();
  const waits = await Promise.all([
    waitFor(userKey(username), config.SIGNIN_MAX_FAILURES_PER_USER),
    ip ? waitFor(ipKey(ip), config.SIGNIN_MAX_FAILURES_PER_IP) : 0,
  ]);
  const wait = Math.max(...waits);
  if (wait > 0) {
    const when = wait >= 90 ? `${Math.ceil(wait / 60)} minutes` : `${wait} second${wait === 1 ? '' : 's'}`;
    throw new AppError('too_many_attempts', `Too many sign-in attempts. Try again in ${when}.`);
  }
}

export async function recordSignInFailure(username: string, ip: string | undefined): Promise<void> {
  const windowS = env().SIGNIN_WINDOW;
  const now = String(Date.now());
  for (const key of ip ? [userKey(username), ipKey(ip)] : [userKey(username)]) {
    await store().increment(key, windowS);
    await store().put(`${key}:last`, now, windowS);
  }
}

export async function recordSignInSuccess(username: string): Promise<void> {
  await store().remove(userKey(username));
}
