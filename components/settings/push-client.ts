'use client';

import { translator } from '@/lib/i18n/client';
import { apiRequest } from '@/lib/api-client';
import { deviceIdFromDigest } from '@/lib/device-label';
import { readPushNote, writePushNote } from '@/lib/push-note';
import type { PushDeviceDto } from '@/lib/types';

/*
 * This browser's side of push notifications: the service worker's registration, the
 * PushSubscription made with Wren's VAPID key, and the note in localStorage that lets a new
 * sign-in of the same user on this browser renew it (components/mail/use-push-renewal.ts).
 */

/** Whether this browser can receive Web Push at all (iOS: only once Wren is on the Home Screen). */
export function pushSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The id Wren's list gives a subscription: the same hash of its endpoint as the server's (lib/device-label.ts). */
export async function pushDeviceIdOf(endpoint: string): Promise<string> {
  return deviceIdFromDigest(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(endpoint))));
}

/** The worker's registration: every page registers it once loaded (lib/pwa/boot.ts); a click may come first. */
async function registration(): Promise<ServiceWorkerRegistration> {
  if (!(await navigator.serviceWorker.getRegistration('/'))) await navigator.serviceWorker.register('/sw.js');
  return navigator.serviceWorker.ready;
}

/** This browser's subscription, if it has one. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration('/');
  return (await reg?.pushManager.getSubscription()) ?? null;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function send(subscription: PushSubscription, previews: boolean): Promise<PushDeviceDto[]> {
  const json = subscription.toJSON();
  const { devices } = await apiRequest<{ devices: PushDeviceDto[] }>('/api/push/subscription', {
    method: 'POST',
    body: { endpoint: json.endpoint, keys: json.keys, previews },
  });
  return devices;
}

/**
 * Turns notifications on for this browser. Call it from the user's click: browsers ask for the
 * permission only then. Throws an Error worded for the user when the browser says no.
 */
export async function subscribeThisDevice(publicKey: string, previews: boolean, user: string): Promise<PushDeviceDto[]> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error(translator('settings.notifications')('blocked'));
  const reg = await registration();
  let subscription = await reg.pushManager.getSubscription();
  if (!subscription) {
    try {
      subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
    } catch (error) {
      throw new Error(translator('settings.notifications')('subscribeFailed', { reason: (error as Error).message || (error as Error).name }));
    }
  }
  const devices = await send(subscription, previews);
  writePushNote({ user, previews });
  return devices;
}

/** Changes this device's preview choice (its subscription stays). */
export async function setPreviews(previews: boolean, user: string): Promise<PushDeviceDto[]> {
  const subscription = await currentSubscription();
  if (!subscription) throw new Error(translator('settings.notifications')('notSubscribed'));
  const devices = await send(subscription, previews);
  writePushNote({ user, previews });
  return devices;
}

/** Removes a device from the list; for this device, the browser's subscription goes too. */
export async function removeDevice(id: string, thisDevice: boolean): Promise<PushDeviceDto[]> {
  const { devices } = await apiRequest<{ devices: PushDeviceDto[] }>('/api/push/subscription', { method: 'DELETE', body: { id } });
  if (thisDevice) {
    writePushNote(null);
    await (await currentSubscription())?.unsubscribe().catch(() => false);
  }
  return devices;
}

/**
 * A new sign-in of the user who turned notifications on in this browser: the subscription the
 * browser still has is given to Wren again, bound to this sign-in (the old one expired).
 */
export async function renewSubscription(user: string): Promise<void> {
  const wanted = readPushNote(user);
  if (!wanted || !pushSupported() || Notification.permission !== 'granted') return;
  const subscription = await currentSubscription();
  if (subscription) await send(subscription, wanted.previews);
}
