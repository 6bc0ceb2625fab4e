import 'server-only';
import webpush from 'web-push';
import { log } from '../../log';
import { processGlobal } from '../../process-global';
import { onShutdown } from '../../shutdown';
import { store } from '../../session/session';
import { pushSettings } from './config';
import { readDevices, updateDevices, type PushDevice } from './devices';
import { postToPushService } from './network';
import { pushPayload, type NewMail } from './payload';

/*
 * Sending one new message's notification to each of a user's devices. Whoever heard of the mail
 * (Dovecot's hook, an IDLE watch, in whichever process) claims `<user>:<uidvalidity>:<uid>` in
 * the store first (Redis SET NX with REDIS_URL): a retried hook call or two processes watching
 * the same INBOX send it once. A device whose subscription the push service says is gone (404,
 * 410) is removed; other failures are logged with the service's origin and the status only
 * (the rest of an endpoint is a capability to reach that device).
 */

const SENT_TTL_SECONDS = 24 * 3600;
// How long a push service keeps a notification for a device that is offline.
const PUSH_TTL_SECONDS = 24 * 3600;

const inFlight = () => processGlobal('push-in-flight', () => new Set<Promise<unknown>>());

// Shutdown waits for notifications being sent (before Redis is closed).
onShutdown('push-deliveries', 'connections', async () => {
  await Promise.allSettled([...inFlight()]);
});

/** Runs `work` in the background, counted so that a shutdown waits for it. */
export function inBackground(work: Promise<unknown>): void {
  const all = inFlight();
  const tracked = work.catch((error: unknown) => log.warn('push failed', { error: String(error) }));
  all.add(tracked);
  void tracked.finally(() => all.delete(tracked));
}

type Outcome = 'sent' | 'gone' | 'failed' | 'signed-out';

async function sendTo(device: PushDevice, mail: NewMail): Promise<Outcome> {
  const settings = pushSettings();
  if (!settings) return 'failed';
  // A device whose sign-in ended (expired, or revoked elsewhere) is told nothing.
  if (!(await store().get(device.sessionId))) return 'signed-out';
  const payload = JSON.stringify(pushPayload(mail, device.previews));
  const request = webpush.generateRequestDetails({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } }, payload, {
    vapidDetails: settings.vapid,
    TTL: PUSH_TTL_SECONDS,
    contentEncoding: 'aes128gcm',
    urgency: 'high',
  });
  const service = new URL(device.endpoint).origin;
  try {
    const answer = await postToPushService(request.endpoint, request.headers, request.body);
    if (answer.status === 404 || answer.status === 410) return 'gone';
    if (answer.status >= 200 && answer.status < 300) return 'sent';
    log.warn('push service refused a notification', { service, status: answer.status, retryAfter: answer.retryAfter });
  } catch (error) {
    log.warn('push service unreachable', { service, error: (error as Error).message });
  }
  return 'failed';
}

/**
 * Tells each of the user's devices about `mail` (in INBOX), once: a second call for the same
 * message, here or in another process, does nothing. Answers what happened per device id.
 */
export async function notifyNewMail(token: string, mail: NewMail): Promise<Record<string, Outcome>> {
  const devices = await readDevices(token);
  if (!devices.length) return {};
  // A message without a UID cannot be told from another: only the mail server's hook sends those,
  // once per delivery, so they go without the claim.
  if (mail.uid > 0) {
    const claim = await store().putIfAbsent(`push:sent:${token}:${mail.uidValidity}:${mail.uid}`, '1', SENT_TTL_SECONDS);
    if (claim !== null) return {};
  }
  const outcomes: Record<string, Outcome> = {};
  await Promise.all(devices.map(async (device) => void (outcomes[device.id] = await sendTo(device, mail))));
  const dropped = new Set(Object.keys(outcomes).filter((id) => outcomes[id] === 'gone' || outcomes[id] === 'signed-out'));
  if (dropped.size) {
    await updateDevices(token, (list) => list.filter((d) => !dropped.has(d.id)));
    log.info('push devices removed', { gone: [...dropped].filter((id) => outcomes[id] === 'gone').length, signedOut: [...dropped].filter((id) => outcomes[id] === 'signed-out').length });
  }
  return outcomes;
}
