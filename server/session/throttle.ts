import 'server-only';
import { env } from '../env';
import { AppError } from '../errors';
import { store } from './session';

/*
 * Sign-in guessing, counted over SIGNIN_WINDOW seconds (in Redis when configured, so every Wren
 * process counts together).
 *
 * - A browser with a device cookie of the username (device.ts) is counted on its own: its
 *   failures slow down and then refuse that device only.
 * - Any other attempt is counted per username: after FREE_FAILURES each further failure doubles
 *   a wait before the next attempt (at most a minute); at SIGNIN_MAX_FAILURES_PER_USER, attempts
 *   without a device cookie are refused until the window ends.
 * - And per client address, gently: after SIGNIN_MAX_FAILURES_PER_IP failures an attempt from
 *   the address waits, at most IP_MAX_WAIT_S, and is never refused. A team behind one NAT
 *   address is not locked out by a few typos or by one attacker spraying usernames, who is
 *   still held to one guess every few seconds, and to a few guesses per username.
 *
 * A success clears the count it was held to (the device's, or else the username's), never the
 * address's: an attacker's own account must not reset it.
 */

const FREE_FAILURES = 3;
const MAX_WAIT_S = 60;
export const IP_MAX_WAIT_S = 4;

const userKey = (username: string) => `signin:user:${username.trim().toLowerCase()}`;
const ipKey = (ip: string) => `signin:ip:${ip}`;
const deviceKey = (device: string) => `signin:device:${device}`;

/** Who an attempt is counted against: its device if it has one for the username, else the username and address. */
export interface Attempt {
  username: string;
  ip?: string;
  /** The device id from a valid device cookie of this username (device.ts). */
  device?: string | null;
}

/** Seconds to wait after `failures` failures, the last at `lastAt`; 0 when an attempt may go. */
export function waitAfter(failures: number, lastAt: number, limit: number, windowS: number, now = Date.now()): number {
  if (failures >= limit) return Math.max(1, Math.ceil((lastAt + windowS * 1000 - now) / 1000));
  if (failures < FREE_FAILURES) return 0;
  const wait = Math.min(MAX_WAIT_S, 2 ** (failures - FREE_FAILURES)) * 1000;
  return Math.max(0, Math.ceil((lastAt + wait - now) / 1000));
}

/** Seconds an address must wait after `failures` failures, the last at `lastAt`: a few at most, never a refusal. */
export function addressWaitAfter(failures: number, lastAt: number, free: number, now = Date.now()): number {
  if (failures < free) return 0;
  const wait = Math.min(IP_MAX_WAIT_S, 2 ** (failures - free)) * 1000;
  return Math.max(0, Math.ceil((lastAt + wait - now) / 1000));
}

async function failuresOf(key: string): Promise<{ count: number; last: number }> {
  const [count, last] = await Promise.all([store().read(key), store().read(`${key}:last`)]);
  return { count: Number(count ?? 0), last: Number(last ?? 0) };
}

async function waitFor(key: string, limit: number): Promise<number> {
  const { count, last } = await failuresOf(key);
  return count ? waitAfter(count, last, limit, env().SIGNIN_WINDOW) : 0;
}

async function addressWait(ip: string): Promise<number> {
  const { count, last } = await failuresOf(ipKey(ip));
  return addressWaitAfter(count, last, env().SIGNIN_MAX_FAILURES_PER_IP);
}

function keysOf({ username, ip, device }: Attempt): string[] {
  if (device) return [deviceKey(device)];
  return ip ? [userKey(username), ipKey(ip)] : [userKey(username)];
}

/** Refuses with 429 while the device, or else the username or the address, must wait. */
export async function assertMayTrySignIn({ username, ip, device }: Attempt): Promise<void> {
  const limit = env().SIGNIN_MAX_FAILURES_PER_USER;
  const waits = device
    ? [await waitFor(deviceKey(device), limit)]
    : await Promise.all([waitFor(userKey(username), limit), ip ? addressWait(ip) : 0]);
  const wait = Math.max(...waits);
  if (wait > 0) {
    throw new AppError(
      'too_many_attempts',
      wait >= 90 ? { key: 'tooManyAttemptsMinutes', values: { n: Math.ceil(wait / 60) } } : { key: 'tooManyAttemptsSeconds', values: { n: wait } },
    );
  }
}

export async function recordSignInFailure(attempt: Attempt): Promise<void> {
  const windowS = env().SIGNIN_WINDOW;
  const now = String(Date.now());
  for (const key of keysOf(attempt)) {
    await store().increment(key, windowS);
    await store().put(`${key}:last`, now, windowS);
  }
}

/** Clears the count the attempt was held to: a known device's success leaves the username's alone (an attacker's count). */
export async function recordSignInSuccess({ username, device }: Attempt): Promise<void> {
  await store().remove(device ? deviceKey(device) : userKey(username));
}
