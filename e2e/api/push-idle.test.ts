import { isIP } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as subscriptionRoute from '@/app/api/push/subscription/route';
import * as configRoute from '@/app/api/push/config/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as sessionRoute from '@/app/api/session/route';
import { resetEnv } from '@/server/env';
import { closeAllConnections, poolStats } from '@/server/imap/pool';
import { pushWatchCount } from '@/server/mail/push/idle-watch';
import { usePushNetwork } from '@/server/mail/push/network';
import { rawImap, rawImapSession, uidsWithSubject } from '../support/dovecot';
import { eventually, TestPushService, type TestDevice } from '../support/push-service';
import { call } from './call';
import { forgetAllDevices, signInFor } from './push-session';

// Push from Wren's own IDLE watch (PUSH_SOURCE=idle), for a mail server that cannot call Wren:
// any new unseen message in INBOX, an IMAP APPEND included, is heard on the `push` connection
// while Wren holds a live sign-in of the user. User iggy (not seeded).
const USER = 'iggy';
const PUSH_HOST = 'push.example';
const service = new TestPushService({ host: PUSH_HOST, vapidPublicKey: process.env.VAPID_PUBLIC_KEY! });
const saved = process.env.PUSH_SOURCE;

const signIn = () => signInFor(USER);

async function append(folder: string, subject: string, flags: string[] = []): Promise<string> {
  const client = await rawImap(USER);
  try {
    await client.append(folder, `From: Bea <bea@example.org>\r\nSubject: ${subject}\r\n\r\nhello\r\n`, flags);
    const [uid] = await uidsWithSubject(client, folder, subject);
    const status = await client.status(folder, { uidValidity: true });
    if (!status) throw new Error('no STATUS');
    return `/mail/INBOX/${status.uidValidity}.${uid}.SU5CT1g`;
  } finally {
    await client.logout();
  }
}

const urls = (device: TestDevice) => service.pushesTo(device).map((p) => (p.payload as { url: string }).url);

beforeAll(async () => {
  process.env.PUSH_SOURCE = 'idle';
  resetEnv();
  await service.start();
  usePushNetwork({
    resolve: async (host) => (host === PUSH_HOST ? [{ address: '93.184.215.41', family: 4 }] : isIP(host) ? [{ address: host, family: isIP(host) }] : []),
    dial: (checked) => (checked.address === '93.184.215.41' ? { address: '127.0.0.1', family: 4 } : checked),
    plainHttp: true,
  });
  await forgetAllDevices(USER);
  await closeAllConnections();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('wren.imap')];
});

afterAll(async () => {
  if (saved === undefined) delete process.env.PUSH_SOURCE;
  else process.env.PUSH_SOURCE = saved;
  resetEnv();
  usePushNetwork(null);
  await service.stop();
  await closeAllConnections();
});

describe('push from an IDLE watch on INBOX', () => {
  let cookie: string;
  let device: TestDevice;

  it('subscribing starts one watch: a push connection that IDLEs on INBOX; the mail server is not asked to call', async () => {
    cookie = await signIn();
    device = service.device('phone');
    expect(((await (await call(configRoute.GET, '/api/push/config', { cookie })).json()) as { source: string }).source).toBe('idle');
    const res = await call(subscriptionRoute.POST, '/api/push/subscription', { method: 'POST', cookie, body: { endpoint: device.endpoint, keys: device.keys, previews: true } });
    expect(res.status).toBe(200);
    await eventually(() => (poolStats().byLane.push === 1 ? true : undefined), 10_000, 'the push connection');
    expect(pushWatchCount()).toBe(1);
    const entry = await rawImapSession(USER, ['GETMETADATA "" (/private/vendor/vendor.dovecot/http-notify)']);
    expect(entry).not.toMatch(/user=/);
  });

  it('a message APPENDed to INBOX: exactly one push, with sender, subject and its URL', async () => {
    const subject = `Appended ${Date.now()}`;
    const url = await append('INBOX', subject);
    await eventually(() => (urls(device).includes(url) ? true : undefined), 15_000, 'the push');
    // A second message, and its push: a duplicate of the first would have come by then.
    const next = await append('INBOX', `${subject} again`);
    await eventually(() => (urls(device).includes(next) ? true : undefined), 15_000, 'the second push');
    expect(service.pushesTo(device).filter((p) => (p.payload as { url: string }).url === url).map((p) => p.payload)).toEqual([{ title: 'Bea', body: subject, url }]);
    expect(service.rejected).toEqual([]);
  });

  it('mail APPENDed to another folder, or already read, brings none', async () => {
    const before = service.pushesTo(device).length;
    const stamp = Date.now();
    await append('Archives', `Elsewhere ${stamp}`);
    const seen = await append('INBOX', `Read already ${stamp}`, ['\\Seen']);
    const sentinel = await append('INBOX', `Sentinel ${stamp}`);
    await eventually(() => (urls(device).includes(sentinel) ? true : undefined), 15_000, 'the sentinel push');
    expect(service.pushesTo(device).length).toBe(before + 1);
    expect(urls(device)).not.toContain(seen);
  });

  it('after a restart (connections and watches gone), the user\'s next request starts the watch again', async () => {
    // What a restart loses: every IMAP connection, and what this process knew.
    await closeAllConnections();
    for (const name of ['imap', 'push-idle-watches']) delete (globalThis as Record<symbol, unknown>)[Symbol.for(`wren.${name}`)];
    expect(pushWatchCount()).toBe(0);
    const res = await call(foldersRoute.GET, '/api/folders', { cookie });
    expect(res.status).toBe(200);
    await eventually(() => (pushWatchCount() === 1 && poolStats().byLane.push === 1 ? true : undefined), 10_000, 'the watch to resume');
    const url = await append('INBOX', `After restart ${Date.now()}`);
    await eventually(() => (urls(device).includes(url) ? true : undefined), 15_000, 'the push after the restart');
  });

  it('sign-out ends the watch and removes the device', async () => {
    expect((await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie })).status).toBe(204);
    await eventually(() => (pushWatchCount() === 0 && poolStats().byLane.push === 0 ? true : undefined), 10_000, 'the watch to end');
    const other = await signIn();
    const list = await call(subscriptionRoute.GET, '/api/push/subscription', { cookie: other });
    expect(((await list.json()) as { devices: unknown[] }).devices).toEqual([]);
    expect(pushWatchCount()).toBe(0);
  });
});
