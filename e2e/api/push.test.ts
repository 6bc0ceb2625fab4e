import { isIP } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as configRoute from '@/app/api/push/config/route';
import * as hookRoute from '@/app/api/push/dovecot/route';
import * as subscriptionRoute from '@/app/api/push/subscription/route';
import * as sessionRoute from '@/app/api/session/route';
import { decodeMessageId } from '@/lib/message-id';
import type { PushConfigDto, PushDeviceDto } from '@/lib/types';
import { resetEnv } from '@/server/env';
import { closeAllConnections } from '@/server/imap/pool';
import { usePushNetwork } from '@/server/mail/push/network';
import { pushUserToken } from '@/server/mail/push/config';
import { rawImap, rawImapSession, uidsWithSubject } from '../support/dovecot';
import { deliverByLmtp, sendThroughPostfix } from '../support/mail-delivery';
import { serveHook, type HookServer } from '../support/push-hook';
import { eventually, TestPushService, type TestDevice } from '../support/push-service';
import { call } from './call';
import { forgetAllDevices, signInFor } from './push-session';

// Push through the mail server's hook (PUSH_SOURCE=dovecot, the stack's default): the test
// Dovecot's push_notification plugin calls PUSH_HOOK_PORT, where this file serves Wren's hook
// route in-process; a loopback push service (../support/push-service.ts) checks VAPID and
// decrypts what Wren sends. User pip (not seeded).
const USER = 'pip';
const ENTRY = '/private/vendor/vendor.dovecot/http-notify';
const PUSH_HOST = 'push.example';

const service = new TestPushService({ host: PUSH_HOST, vapidPublicKey: process.env.VAPID_PUBLIC_KEY! });
let hook: HookServer;

const signIn = () => signInFor(USER);

async function subscribe(cookie: string, device: TestDevice, previews: boolean): Promise<PushDeviceDto[]> {
  const res = await call(subscriptionRoute.POST, '/api/push/subscription', { method: 'POST', cookie, body: { endpoint: device.endpoint, keys: device.keys, previews } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { devices: PushDeviceDto[] }).devices;
}

async function devices(cookie: string): Promise<PushDeviceDto[]> {
  const res = await call(subscriptionRoute.GET, '/api/push/subscription', { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as { devices: PushDeviceDto[] }).devices;
}

async function hookEntry(): Promise<string | null> {
  const out = await rawImapSession(USER, [`GETMETADATA "" (${ENTRY})`]);
  expect(out).toMatch(/^c0 OK/m);
  return /\{\d+\}\r\n(user=[^\r\n)]*)/.exec(out)?.[1] ?? /"(user=[^"]*)"/.exec(out)?.[1] ?? null;
}

/** UIDVALIDITY and UID of the INBOX message with `subject`, once the server has it. */
async function inboxMessage(subject: string): Promise<{ uidValidity: string; uid: number }> {
  const client = await rawImap(USER);
  try {
    const uid = await eventually(async () => (await uidsWithSubject(client, 'INBOX', subject))[0], 15_000, `"${subject}" in INBOX`);
    const status = await client.status('INBOX', { uidValidity: true });
    if (!status) throw new Error('no STATUS');
    return { uidValidity: String(status.uidValidity), uid };
  } finally {
    await client.logout();
  }
}

const urlOf = (ref: { uidValidity: string; uid: number }) => `/mail/INBOX/${ref.uidValidity}.${ref.uid}.SU5CT1g`;
/** The pushes `device` got that open `url`, from its `from`th push on. */
const pushesFor = (device: TestDevice, url: string, from = 0) => service.pushesTo(device).slice(from).filter((p) => (p.payload as { url: string }).url === url);

/**
 * The URL the push for a delivery opens: the message's, or the Inbox (`/mail`) when the mail
 * server's event named no UID. Dovecot sends `"imap-uid":0` for a delivery now and then (CI86
 * met it on a Postfix delivery; the test of such events is below), and Wren then opens the Inbox.
 * `key`: a part of the subject that only this delivery has, as the mail server sends it.
 */
async function deliveryUrl(key: string, ref: { uidValidity: string; uid: number }): Promise<string> {
  const parse = (body: string) => {
    try {
      return JSON.parse(body) as { subject?: unknown; 'imap-uid'?: unknown };
    } catch {
      return {};
    }
  };
  const event = await eventually(() => hook.calls.map((c) => parse(c.body)).find((e) => typeof e.subject === 'string' && e.subject.includes(key)), 15_000, `the mail server's event for "${key}"`);
  return event['imap-uid'] === 0 ? '/mail' : urlOf(ref);
}

/**
 * Delivers a last message over LMTP and waits for its push to `device` and to `more`: pushes for
 * earlier mail have come by then. Answers the URL the sentinel's push opened.
 */
async function settle(device: TestDevice, label: string, ...more: TestDevice[]): Promise<string> {
  const subject = `Sentinel ${label} ${Date.now()}`;
  const devices = [device, ...more].map((d) => ({ device: d, before: service.pushesTo(d).length }));
  await deliverByLmtp(USER, `From: Sentinel <s@example.org>\nSubject: ${subject}\n\nlast\n`);
  const url = await deliveryUrl(subject, await inboxMessage(subject));
  const arrived = () => devices.every(({ device: d, before }) => pushesFor(d, url, before).length > 0);
  await eventually(() => (arrived() ? true : undefined), 15_000, `the push for ${subject}`);
  return url;
}

beforeAll(async () => {
  await service.start();
  // The push service's public name leads to the loopback service; any other name resolves nowhere.
  usePushNetwork({
    resolve: async (host) => (host === PUSH_HOST ? [{ address: '93.184.215.40', family: 4 }] : isIP(host) ? [{ address: host, family: isIP(host) }] : []),
    dial: (checked) => (checked.address === '93.184.215.40' ? { address: '127.0.0.1', family: 4 } : checked),
    plainHttp: true,
  });
  hook = await serveHook(hookRoute.PUT, Number(process.env.PUSH_HOOK_PORT));
  // From a clean server entry and no device, whatever an earlier run left.
  await forgetAllDevices(USER);
  await rawImapSession(USER, [`SETMETADATA "" (${ENTRY} NIL)`]);
});

afterAll(async () => {
  usePushNetwork(null);
  await hook.close();
  await service.stop();
  await closeAllConnections();
});

describe('push through the mail server hook', () => {
  let cookie: string;
  let withPreviews: TestDevice;
  let without: TestDevice;

  it('GET /api/push/config – on, with the VAPID public key, news from the mail server', async () => {
    cookie = await signIn();
    const res = await call(configRoute.GET, '/api/push/config', { cookie });
    expect(await res.json()).toEqual({ enabled: true, publicKey: process.env.VAPID_PUBLIC_KEY!, source: 'dovecot' } satisfies PushConfigDto);
  });

  it('POST /api/push/subscription – the device is listed (no endpoint in the answer); the hook entry is set to the user token', async () => {
    withPreviews = service.device('phone');
    without = service.device('laptop');
    expect(await hookEntry()).toBeNull();
    await subscribe(cookie, withPreviews, true);
    const list = await subscribe(cookie, without, false);
    expect(list.map((d) => d.previews)).toEqual([true, false]);
    expect(JSON.stringify(list)).not.toContain(PUSH_HOST);
    expect(list.every((d) => /^[A-Za-z0-9_-]{22}$/.test(d.id))).toBe(true);
    expect(await hookEntry()).toBe(`user=${pushUserToken(USER)}`);
  });

  it('POST without Origin, or with a malformed key, is refused', async () => {
    const device = service.device('stranger');
    const noOrigin = await call(subscriptionRoute.POST, '/api/push/subscription', { method: 'POST', cookie, origin: null, body: { endpoint: device.endpoint, keys: device.keys } });
    expect(noOrigin.status).toBe(403);
    const badKey = await call(subscriptionRoute.POST, '/api/push/subscription', { method: 'POST', cookie, body: { endpoint: device.endpoint, keys: { ...device.keys, p256dh: 'abc' } } });
    expect(badKey.status).toBe(400);
    expect(await devices(cookie)).toHaveLength(2);
  });

  it('mail delivered through Postfix to INBOX: exactly one push per device; sender and subject only where previews are on', async () => {
    const subject = `Lunch on Friday ${Date.now()}`;
    await sendThroughPostfix(USER, { from: '"Ann Example" <pip@example.com>', subject, text: 'Shall we?' });
    const ref = await inboxMessage(subject);
    expect(decodeMessageId(urlOf(ref).split('/').pop()!)).toEqual({ path: 'INBOX', uidValidity: ref.uidValidity, uid: ref.uid });
    const url = await deliveryUrl(subject, ref);
    await eventually(() => (pushesFor(withPreviews, url).length && pushesFor(without, url).length ? true : undefined), 20_000, 'both pushes').catch((error: Error) => {
      throw new Error(`${error.message}; the hook was called: ${JSON.stringify(hook.calls)}`);
    });
    const sentinelUrl = await settle(withPreviews, 'postfix', without);
    // When both events named no UID, both pushes open the Inbox: the sentinel's came last.
    const own = (device: TestDevice) => (sentinelUrl === url ? pushesFor(device, url).slice(0, -1) : pushesFor(device, url));
    expect(own(withPreviews).map((p) => p.payload)).toEqual([{ title: 'Ann Example', body: subject, url }]);
    expect(own(without).map((p) => p.payload)).toEqual([{ title: 'New mail', body: '', url }]);
    expect(service.pushesTo(withPreviews)[0].claims).toMatchObject({ aud: service.origin, sub: process.env.VAPID_SUBJECT });
    expect(service.pushesTo(withPreviews)[0].urgency).toBe('high');
    expect(service.rejected).toEqual([]);
  });

  it('an encoded-word sender and subject delivered over LMTP arrive decoded', async () => {
    const stamp = Date.now();
    const before = service.pushesTo(withPreviews).length;
    await deliverByLmtp(USER, `From: =?utf-8?q?J=C3=BCrgen?= <j@example.org>\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe_${stamp}?=\n\nHallo\n`);
    const url = await deliveryUrl(String(stamp), await inboxMessage(`Grüße ${stamp}`));
    const [push] = await eventually(() => (pushesFor(withPreviews, url, before).length ? pushesFor(withPreviews, url, before) : undefined), 15_000, 'the push');
    expect(push.payload).toEqual({ title: 'Jürgen', body: `Grüße ${stamp}`, url });
  });

  it('an IMAP APPEND to INBOX is not reported by the mail server (only deliveries are), so it brings no push', async () => {
    const subject = `Appended ${Date.now()}`;
    const client = await rawImap(USER);
    await client.append('INBOX', `From: a@example.org\r\nSubject: ${subject}\r\n\r\nx\r\n`);
    await client.logout();
    const url = urlOf(await inboxMessage(subject));
    const before = hook.calls.length;
    await settle(withPreviews, 'append');
    expect(hook.calls.length).toBe(before + 1);
    expect(pushesFor(withPreviews, url)).toEqual([]);
  });

  /** A call of the hook as the mail server makes it (`auth`: user:password), from `from`. */
  const put = (auth: string | null, body: unknown, from = '127.0.0.1') => {
    const headers = new Headers({ 'content-type': 'application/json', 'x-forwarded-for': from });
    if (auth) headers.set('authorization', `Basic ${Buffer.from(auth).toString('base64')}`);
    return hookRoute.PUT(new Request('http://127.0.0.1/api/push/dovecot', { method: 'PUT', headers, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
  };
  const event = (folder: string, uid: number, subject = 'Forged') => ({ user: pushUserToken(USER), event: 'messageNew', folder, 'imap-uidvalidity': 1, 'imap-uid': uid, subject });

  it('the hook ignores mail in another folder, and refuses a wrong secret, none, or a caller off loopback', async () => {
    const secret = process.env.PUSH_DOVECOT_SECRET!;
    const sent = service.received.length;
    expect((await put(`wren:${secret}x`, event('INBOX', 900001))).status).toBe(401);
    expect((await put(null, event('INBOX', 900002))).status).toBe(401);
    expect((await put(`wren:${secret}`, event('INBOX', 900003), '203.0.113.9')).status).toBe(403);
    expect((await put(`wren:${secret}`, event('Archives', 900004))).status).toBe(204);
    expect((await put(`wren:${secret}`, { user: pushUserToken(USER), event: 'messageNew' })).status).toBe(400);
    await settle(withPreviews, 'refused');
    // Only the sentinel's push came since: none for the four calls above.
    expect(service.received.length - sent).toBe(2);
    expect(service.received.slice(sent).every((p) => !(p.payload as { url: string }).url.includes('.9000'))).toBe(true);
  });

  it('a delivery the mail server gives no UID ("imap-uid":0, seen once from Dovecot): each device still gets its push, opening the Inbox, and a second one is not taken for the first', async () => {
    const secret = process.env.PUSH_DOVECOT_SECRET!;
    const sent = service.received.length;
    expect((await put(`wren:${secret}`, event('INBOX', 0, 'No UID yet'))).status).toBe(204);
    expect((await put(`wren:${secret}`, event('INBOX', 0, 'No UID either'))).status).toBe(204);
    await eventually(() => (service.received.length - sent >= 4 ? true : undefined), 15_000, 'a push per device for each');
    expect(service.received.slice(sent).map((p) => (p.payload as { url: string }).url)).toEqual(['/mail', '/mail', '/mail', '/mail']);
  });

  it('a push service answering 410: that device is removed; one answering 503 stays, logged by its origin alone', async () => {
    const gone = service.device('old-tablet');
    const busy = service.device('busy-phone');
    await subscribe(cookie, gone, false);
    await subscribe(cookie, busy, false);
    service.answers.set('old-tablet', 410);
    service.answers.set('busy-phone', 503);
    const [goneId, busyId] = (await devices(cookie)).slice(-2).map((d) => d.id);
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
    try {
      await settle(withPreviews, 'gone');
      await eventually(async () => ((await devices(cookie)).some((d) => d.id === goneId) ? undefined : true), 15_000, 'the 410 device to go');
      await eventually(() => logged.find((line) => line.includes('push service refused')), 15_000, 'the 503 in the log');
    } finally {
      spy.mockRestore();
    }
    const refused = JSON.parse(logged.find((line) => line.includes('push service refused'))!) as Record<string, unknown>;
    expect(refused).toMatchObject({ service: service.origin, status: 503 });
    expect(logged.join('\n')).not.toContain(new URL(busy.endpoint).pathname);
    expect((await devices(cookie)).map((d) => d.id)).toContain(busyId);
    await call(subscriptionRoute.DELETE, '/api/push/subscription', { method: 'DELETE', cookie, body: { id: busyId } });
    expect((await devices(cookie)).map((d) => d.previews)).toEqual([true, false]);
  });

  it('without PUSH_DOVECOT_SECRET the hook does not exist', async () => {
    const secret = process.env.PUSH_DOVECOT_SECRET;
    delete process.env.PUSH_DOVECOT_SECRET;
    resetEnv();
    try {
      const headers = { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1', authorization: `Basic ${Buffer.from('wren:').toString('base64')}` };
      const res = await hookRoute.PUT(new Request('http://127.0.0.1/api/push/dovecot', { method: 'PUT', headers, body: '{}' }), { params: Promise.resolve({}) });
      expect(res.status).toBe(404);
    } finally {
      process.env.PUSH_DOVECOT_SECRET = secret;
      resetEnv();
    }
  });

  it('DELETE /api/push/subscription removes a device; with the last one the hook entry is cleared', async () => {
    const [first, second] = await devices(cookie);
    const res = await call(subscriptionRoute.DELETE, '/api/push/subscription', { method: 'DELETE', cookie, body: { id: first.id } });
    expect(((await res.json()) as { devices: PushDeviceDto[] }).devices.map((d) => d.id)).toEqual([second.id]);
    expect(await hookEntry()).toBe(`user=${pushUserToken(USER)}`);
    await call(subscriptionRoute.DELETE, '/api/push/subscription', { method: 'DELETE', cookie, body: { id: second.id } });
    expect(await devices(cookie)).toEqual([]);
    expect(await hookEntry()).toBeNull();
  });

  it('sign-out removes the devices that sign-in subscribed, and clears the hook entry', async () => {
    const other = await signIn();
    await subscribe(cookie, service.device('kept'), true);
    const mine = service.device('signed-out');
    await subscribe(other, mine, true);
    expect(await devices(cookie)).toHaveLength(2);
    expect((await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie: other })).status).toBe(204);
    await eventually(async () => ((await devices(cookie)).length === 1 ? true : undefined), 10_000, 'the signed-out device to go');
    expect(await hookEntry()).not.toBeNull();
    await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie });
    await eventually(async () => ((await hookEntry()) === null ? true : undefined), 10_000, 'the hook entry to be cleared');
  });
});
