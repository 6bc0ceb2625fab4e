import { createECDH, randomBytes } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { rawImap, uidsWithSubject } from '../support/dovecot';
import { BASE_URL, fullChromium } from '../../playwright.config';
import { signIn } from './helpers';

// This spec is about the service worker: it runs with it (the other specs block it, playwright.config.ts).
// The headless shell shows no notification: getNotifications() stays empty.
test.use({ serviceWorkers: 'allow', ...fullChromium });

// The Notifications settings section and the service worker's push listeners (lib/push-worker.ts).
// What Chromium cannot do here, said plainly: without Google's push service (FCM, unreachable
// offline) PushManager.subscribe fails ("Registration failed"), so this browser never holds a
// real subscription. The spec checks that the section says so, manages a device added through
// the API (as another browser would be), and drives the worker with DevTools' own push
// (ServiceWorker.deliverPushMessage, the payload Wren sends) and a notification click. Wren's
// encryption and sending are checked against a push service in e2e/api/push*.test.ts. nora: not seeded.
const USER = 'nora';

async function openSection(page: Page, context: BrowserContext) {
  await context.grantPermissions(['notifications']);
  await signIn(page, USER);
  // From no device, whatever an earlier (failed) run left.
  const { devices } = (await (await page.request.get('/api/push/subscription')).json()) as { devices: { id: string }[] };
  for (const { id } of devices) await page.request.delete('/api/push/subscription', { headers: { Origin: BASE_URL }, data: { id } });
  await page.goto('/settings/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications', level: 2 })).toBeVisible();
}

/** Another browser's subscription, as PushManager would give it. */
function anotherDevice() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: `https://push.example.net/send/${randomBytes(12).toString('hex')}`,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

test('this browser cannot subscribe without its push service: the section says why and stores nothing', async ({ page, context }) => {
  await openSection(page, context);
  const notify = page.getByRole('switch', { name: 'Notify this device of new mail' });
  await expect(notify).not.toBeChecked();
  await expect(page.getByRole('switch', { name: 'Show sender and subject' })).toBeDisabled();
  await expect(page.getByTestId('push-source')).toHaveText(/mail server tells Wren of each new message/);
  await notify.click();
  await expect(page.getByText(/This browser could not subscribe to its push service \(.+\)\./)).toBeVisible();
  await expect(notify).not.toBeChecked();
  const list = await page.request.get('/api/push/subscription');
  expect(await list.json()).toEqual({ devices: [] });
});

test('a device subscribed elsewhere is listed with its browser and preview choice, and removed from here', async ({ page, context }) => {
  await openSection(page, context);
  const added = await page.request.post('/api/push/subscription', {
    headers: { Origin: BASE_URL, 'User-Agent': 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36' },
    data: { ...anotherDevice(), previews: true },
  });
  expect(added.status()).toBe(200);
  await page.reload();
  const devices = page.getByRole('region', { name: 'Devices that receive notifications' });
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await expect(devices.getByRole('listitem')).toContainText('Chrome on Android');
  await expect(devices.getByRole('listitem')).toContainText('sender and subject');
  await expect(devices).not.toContainText('(this device)');
  await devices.getByRole('button', { name: 'Remove Chrome on Android' }).click();
  await expect(devices.getByText('None.')).toBeVisible();
  expect(await (await page.request.get('/api/push/subscription')).json()).toEqual({ devices: [] });
});

test('a push shows one notification per message; a click opens that message in the Wren tab', async ({ page, context }) => {
  const subject = `Push me ${Date.now()}`;
  const client = await rawImap(USER);
  let url: string;
  try {
    await client.append('INBOX', `From: Ann Example <ann@example.org>\r\nTo: nora@example.com\r\nSubject: ${subject}\r\n\r\nSee you.\r\n`);
    const [uid] = await uidsWithSubject(client, 'INBOX', subject);
    const status = await client.status('INBOX', { uidValidity: true });
    if (!status) throw new Error('no STATUS');
    url = `/mail/INBOX/${status.uidValidity}.${uid}.SU5CT1g`;
  } finally {
    await client.logout();
  }

  await openSection(page, context);
  await page.evaluate(async () => {
    // Every page registers the worker once loaded (lib/pwa/boot.ts); this waits for it.
    await navigator.serviceWorker.register('/sw.js');
    await navigator.serviceWorker.ready;
  });
  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => registrations.find((r) => r.scopeURL === `${BASE_URL}/`)).toBeTruthy();
  const registrationId = registrations.find((r) => r.scopeURL === `${BASE_URL}/`)!.registrationId;
  const push = (data: string) => cdp.send('ServiceWorker.deliverPushMessage', { origin: BASE_URL, registrationId, data });
  const shown = () =>
    page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown })));

  // The payload Wren sends (server/mail/push/payload.ts), twice: the second replaces the first.
  const payload = JSON.stringify({ title: 'Ann Example', body: subject, url });
  await push(payload);
  await push(payload);
  await expect.poll(shown).toEqual([{ title: 'Ann Example', body: subject, tag: url, data: { url } }]);

  // Anything but a /mail view of this origin opens the Inbox; a payload that is not JSON says "New mail".
  await push(JSON.stringify({ title: 'Elsewhere', body: '', url: 'https://evil.example/phish' }));
  await push('not json');
  await expect.poll(async () => (await shown()).map((n) => `${n.title} → ${n.tag}`).sort()).toEqual([`Ann Example → ${url}`, 'New mail → /mail']);

  // A click on the message's notification: the tab (controlled by the worker once reloaded) opens it.
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const worker = context.serviceWorkers().find((w) => w.url() === `${BASE_URL}/sw.js`)!;
  await worker.evaluate(async (tag) => {
    // The worker's global (the DOM library used here has no worker types).
    const scope = self as unknown as {
      registration: { getNotifications(filter: { tag: string }): Promise<Notification[]> };
      NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
      dispatchEvent(event: Event): boolean;
    };
    const [notification] = await scope.registration.getNotifications({ tag });
    // A click DevTools cannot make: the event the browser would dispatch, dispatched here.
    scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification }));
  }, url);
  await expect(page).toHaveURL(`${BASE_URL}${url}`);
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect.poll(async () => (await shown()).map((n) => n.tag)).toEqual(['/mail']);
});
