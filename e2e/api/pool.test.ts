import { afterAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as foldersRoute from '@/app/api/folders/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import { poolStats, reapIdleConnections } from '@/server/imap/pool';
import { countLogins, countLogouts, rawImap, restartDovecot, startDovecot, stopDovecot, wrenCommands } from '../support/dovecot';
import { call, cookieFrom } from './call';

async function signIn(username: string) {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username, password: 'secret' } });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

describe('the IMAP connection pool', () => {
  afterAll(() => startDovecot());

  it('many requests of one session make exactly one IMAP login (counted in Dovecot’s log)', async () => {
    const before = countLogins('counter');
    const cookie = await signIn('counter');
    const list = await call(messagesRoute.GET, '/api/messages?folder=INBOX', { cookie });
    const { messages } = await list.json();
    const requests = [];
    for (let i = 0; i < 5; i++) {
      requests.push(call(foldersRoute.GET, '/api/folders', { cookie }));
      requests.push(call(messagesRoute.GET, '/api/messages?folder=INBOX&limit=10', { cookie }));
      requests.push(call(messageRoute.GET, `/api/messages/${messages[0].id}`, { cookie, params: { id: messages[0].id } }));
    }
    const responses = await Promise.all(requests);
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    expect(countLogins('counter') - before).toBe(1);
  });

  it('Wren keeps at most IMAP_MAX_CONNECTIONS_PER_USER connections for one user across sessions', async () => {
    const cookies: string[] = [];
    for (let i = 0; i < 6; i++) cookies.push(await signIn('counter'));
    expect(poolStats().byUser.counter).toBeLessThanOrEqual(4);
    for (const cookie of [cookies[0], cookies[5]]) {
      expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
    }
    expect(poolStats().byUser.counter).toBeLessThanOrEqual(4);
  });

  it('when the server refuses more connections (LIMIT), the user’s idle session gives way; never "wrong password"', async () => {
    reapIdleConnections(Date.now() + 24 * 3600_000);
    const first = await signIn('counter');
    // The user's other mail clients take every slot Dovecot has left.
    const others = [];
    for (let i = 0; i < 20; i++) {
      const client = await rawImap('counter').catch(() => null);
      if (!client) break;
      others.push(client);
    }
    expect(others.length).toBeLessThan(20);
    try {
      const second = await signIn('counter');
      expect((await call(foldersRoute.GET, '/api/folders', { cookie: second })).status).toBe(200);
      expect((await call(foldersRoute.GET, '/api/folders', { cookie: first })).status).toBe(200);
    } finally {
      await Promise.all(others.map((c) => c.logout()));
    }
  });

  it('a connection unused for IMAP_IDLE_TIMEOUT is logged out; the next request logs in again', async () => {
    const cookie = await signIn('counter');
    expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
    const logoutsBefore = countLogouts('counter');
    const loginsBefore = countLogins('counter');
    reapIdleConnections(Date.now() + Number(process.env.IMAP_IDLE_TIMEOUT ?? 600_000) + 1000);
    await expect.poll(() => countLogouts('counter') - logoutsBefore).toBeGreaterThan(0);
    expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
    expect(countLogins('counter') - loginsBefore).toBe(1);
  });

  it('an unused connection says NOOP before imapflow\'s 5-minute socket timeout would end it, and is kept until IMAP_IDLE_TIMEOUT', async () => {
    const cookie = await signIn('counter');
    expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
    const noops = () => wrenCommands('counter').filter((line) => /^\S+ NOOP$/.test(line)).length;
    const [noopsBefore, loginsBefore, logoutsBefore] = [noops(), countLogins('counter'), countLogouts('counter')];
    // Three minutes: a NOOP, which the server answers (imapflow's timer starts again).
    reapIdleConnections(Date.now() + 3 * 60_000);
    await expect.poll(noops).toBeGreaterThan(noopsBefore);
    expect(countLogouts('counter')).toBe(logoutsBefore);
    expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
    expect(countLogins('counter')).toBe(loginsBefore);
  });

  it('Dovecot restarted between two requests: the second succeeds', async () => {
    const cookie = await signIn('counter');
    expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
    const loginsBefore = countLogins('counter');
    restartDovecot();
    const again = await call(foldersRoute.GET, '/api/folders', { cookie });
    expect(again.status).toBe(200);
    expect((await again.json()).folders.length).toBeGreaterThan(0);
    // The old connection died with the server: the pool logged in afresh, once.
    expect(countLogins('counter') - loginsBefore).toBe(1);
  });

  it('server down: sign-in -> 503 "Mail server unavailable", and requests recover once it is back', async () => {
    const cookie = await signIn('counter');
    stopDovecot();
    try {
      const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'counter', password: 'secret' } });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'imap_unavailable', message: 'Mail server unavailable' } });
      const during = await call(foldersRoute.GET, '/api/folders', { cookie });
      expect(during.status).toBe(503);
    } finally {
      startDovecot();
    }
    const after = await call(foldersRoute.GET, '/api/folders', { cookie });
    expect(after.status).toBe(200);
  });
});
