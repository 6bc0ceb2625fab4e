import 'server-only';
import type { PushSubscriptionInput } from '@/lib/schemas';
import type { PushConfigDto, PushDeviceDto } from '@/lib/types';
import { deviceLabel } from '@/lib/device-label';
import { AppError } from '../errors';
import { withClient } from '../imap/pool';
import { log } from '../log';
import type { Session } from '../session/session';
import { pushSettings, pushUserToken } from './push/config';
import { inBackground, notifyNewMail } from './push/deliver';
import { deviceIdOf, ownerOfDevice, readDevices, updateDevices, type PushDevice } from './push/devices';
import { parseHookEvent, setHookEntry } from './push/dovecot-hook';
import { stopPushWatch, watchForPush } from './push/idle-watch';
import { endpointProblem } from './push/network';

/*
 * Push notifications with no tab open (issue #19). Each device subscribes from the settings
 * (PushManager, with Wren's VAPID key) and is kept in Wren's store (push/devices.ts). New INBOX
 * mail is heard of from the mail server's hook (PUSH_SOURCE=dovecot: Dovecot's push_notification
 * plugin calls PUT /api/push/dovecot, push/dovecot-hook.ts) or from an IDLE watch Wren keeps
 * while it holds a live sign-in of the user (PUSH_SOURCE=idle, push/idle-watch.ts); either way
 * push/deliver.ts encrypts and posts one notification per device.
 */

const toDto = (d: PushDevice): PushDeviceDto => ({ id: d.id, label: d.label, previews: d.previews, createdAt: d.createdAt });

function settingsOrThrow() {
  const settings = pushSettings();
  if (!settings) throw new AppError('push_unavailable', { key: 'notificationsAreNotSetUp' });
  return settings;
}

/** Whether push is on, the key to subscribe with, and how new mail is heard of. */
export function getPushConfig(): PushConfigDto {
  const settings = pushSettings();
  return { enabled: !!settings, publicKey: settings?.vapid.publicKey ?? null, source: settings?.source ?? null };
}

/** The devices that receive the user's notifications, oldest first. */
export async function listPushDevices(session: Session): Promise<PushDeviceDto[]> {
  return (await readDevices(pushUserToken(session.username))).map(toDto);
}

/**
 * Adds this device (or updates it: its preview choice, a renewed sign-in), bound to this
 * sign-in. An endpoint another user had on this browser leaves that user's list. With the
 * Dovecot source, the mail server is told to report this user's deliveries first.
 */
export async function subscribePush(session: Session, input: PushSubscriptionInput, userAgent: string | null): Promise<PushDeviceDto[]> {
  const settings = settingsOrThrow();
  const problem = endpointProblem(input.endpoint);
  if (problem) throw new AppError('invalid_input', problem);
  const token = pushUserToken(session.username);
  if (settings.source === 'dovecot') await withClient(session, (client) => setHookEntry(client, token));
  const id = deviceIdOf(input.endpoint);
  const owner = await ownerOfDevice(id);
  if (owner && owner !== token) await updateDevices(owner, (list) => list.filter((d) => d.id !== id));
  const device: PushDevice = {
    id,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    previews: input.previews,
    label: deviceLabel(userAgent),
    sessionId: session.id,
    createdAt: Date.now(),
  };
  const list = await updateDevices(token, (current) => {
    const known = current.find((d) => d.id === id);
    return [...current.filter((d) => d.id !== id), { ...device, createdAt: known?.createdAt ?? device.createdAt }];
  });
  if (settings.source === 'idle') watchForPush(session);
  return list.map(toDto);
}

/** Clears the mail server's hook entry once the user has no device left (Dovecot source). */
async function afterRemoval(session: Session, left: PushDevice[]): Promise<void> {
  if (left.length) return;
  stopPushWatch(session.username);
  if (pushSettings()?.source === 'dovecot') await withClient(session, (client) => setHookEntry(client, null));
}

/** Removes one of the user's devices (this one, or another from the list). */
export async function unsubscribePush(session: Session, id: string): Promise<PushDeviceDto[]> {
  const left = await updateDevices(pushUserToken(session.username), (list) => list.filter((d) => d.id !== id));
  await afterRemoval(session, left);
  return left.map(toDto);
}

/**
 * Sign-out: the devices this sign-in subscribed stop receiving (called before the session's IMAP
 * connection is logged out, which clears the hook entry with the last device).
 */
export async function forgetPushOfSession(session: Session): Promise<void> {
  if (!pushSettings()) return;
  try {
    const token = pushUserToken(session.username);
    const before = await readDevices(token);
    if (!before.some((d) => d.sessionId === session.id)) return;
    const left = await updateDevices(token, (list) => list.filter((d) => d.sessionId !== session.id));
    await afterRemoval(session, left);
  } catch (error) {
    log.warn('push clean-up at sign-out failed', { error: String(error) });
  }
}

/**
 * One call of the mail server's hook (already authenticated by the route): new mail in INBOX is
 * sent to the user's devices in the background, so the mail server's delivery is not held up.
 */
export function receiveHookEvent(body: unknown): void {
  const event = parseHookEvent(body);
  if (!event) return;
  inBackground(notifyNewMail(event.token, event.mail));
}
