import 'server-only';
import { createHash } from 'node:crypto';
import { deviceIdFromDigest } from '@/lib/device-label';
import { processGlobal } from '../../process-global';
import { store } from '../../session/session';

/*
 * The devices that receive a user's notifications, in Wren's store beside the sessions (Redis
 * with REDIS_URL: every process sees them, and the one that hears of new mail sends; process
 * memory otherwise), as one JSON list per user under the user's push token (config.ts).
 *
 * Each device is bound to the sign-in that subscribed it: signing out removes it, and one whose
 * sign-in expired is dropped when it would next be sent to (a device no longer signed in is told
 * nothing, not even "New mail"). Signing in again on it renews the subscription
 * (components/mail/use-push-renewal.ts).
 *
 * Updates are serialized per user within a process. Two processes updating one user's list at
 * the same instant could lose one change (a device added twice at once on two processes); the
 * next subscription from that device puts it back.
 */

export interface PushDevice {
  /** deviceIdOf(endpoint): what the browser is told, never the endpoint. */
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  previews: boolean;
  label: string;
  /** The sign-in that subscribed it. */
  sessionId: string;
  createdAt: number;
}

/** A user keeps at most this many devices; a new one beyond replaces the one subscribed longest ago. */
export const MAX_DEVICES = 10;
const TTL_SECONDS = 400 * 24 * 3600;

const listKey = (token: string) => `push:devices:${token}`;
// Which user an endpoint belongs to: one browser is one endpoint, whoever signs in on it.
const ownerKey = (id: string) => `push:owner:${id}`;

export function deviceIdOf(endpoint: string): string {
  return deviceIdFromDigest(new Uint8Array(createHash('sha256').update(endpoint).digest()));
}

function parseList(raw: string | null): PushDevice[] {
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? (list as PushDevice[]).filter((d) => d && typeof d.endpoint === 'string' && typeof d.id === 'string') : [];
  } catch {
    return [];
  }
}

/** The user's devices, oldest first. */
export async function readDevices(token: string): Promise<PushDevice[]> {
  return parseList(await store().read(listKey(token)));
}

const queues = () => processGlobal('push-device-queues', () => new Map<string, Promise<unknown>>());

/** Replaces the user's list with `change(list)`, one change at a time per user; answers the new list. */
export function updateDevices(token: string, change: (list: PushDevice[]) => PushDevice[]): Promise<PushDevice[]> {
  const all = queues();
  const run = (all.get(token) ?? Promise.resolve()).catch(() => undefined).then(async () => {
    const before = await readDevices(token);
    const after = change(before).slice(-MAX_DEVICES);
    if (after.length) await store().put(listKey(token), JSON.stringify(after), TTL_SECONDS);
    else await store().remove(listKey(token));
    for (const gone of before.filter((d) => !after.some((a) => a.id === d.id))) await store().remove(ownerKey(gone.id));
    for (const added of after.filter((d) => !before.some((b) => b.id === d.id))) await store().put(ownerKey(added.id), token, TTL_SECONDS);
    return after;
  });
  all.set(token, run);
  void run.finally(() => {
    if (all.get(token) === run) all.delete(token);
  });
  return run;
}

/** The user token whose list holds the endpoint with id `id`, if any. */
export function ownerOfDevice(id: string): Promise<string | null> {
  return store().read(ownerKey(id));
}
