import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import { store } from '@/server/session/session';
import { recordSignInFailure } from '@/server/session/throttle';
import { wrenCommands } from '../support/dovecot';
import { call } from './call';

const signIn = (username: string, password: string, forwardedFor?: string, cookie?: string) => {
  const req = new Request('http://wren.test/api/session', {
    method: 'POST',
    headers: {
      host: 'wren.test',
      origin: 'http://wren.test',
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify({ username, password }),
  });
  return sessionRoute.POST(req, { params: Promise.resolve({}) });
};

describe('POST /api/session – guessing is slowed down, then refused', () => {
  // Dovecot itself delays failed logins from one address more and more: few failures here.
  it('after three failures (the same answer as for a wrong password) the next attempt must wait: 429', async () => {
    const user = `mallory${Date.now()}`;
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await signIn(user, 'guess');
      answers.push([res.status, (await res.json()).error.message]);
    }
    expect(answers).toEqual(Array(3).fill([401, 'Wrong username or password']));
    const refused = await signIn(user, 'guess');
    expect(refused.status).toBe(429);
    const body = await refused.json();
    expect(body.error.code).toBe('too_many_attempts');
    expect(body.error.message).toMatch(/Try again in \d+ seconds?\./);
  }, 60_000);

  it('the client’s address goes to the IMAP server in ID (x-originating-ip)', async () => {
    const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'counter', password: 'secret' } });
    expect(res.status).toBe(200);
    const withIp = await signIn('counter', 'secret', '198.51.100.23, 203.0.113.9');
    expect(withIp.status).toBe(200);
    expect(wrenCommands('counter').some((line) => line.includes('"x-originating-ip" "203.0.113.9"'))).toBe(true);
    expect(wrenCommands('counter').some((line) => line.includes('198.51.100.23'))).toBe(false);
  });
});

/** The device cookie a successful sign-in set, as a Cookie header. */
function deviceCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('wren_device='));
  expect(set).toMatch(/; Path=\/api\/session; HttpOnly; SameSite=Lax; Max-Age=\d+/);
  return set!.split(';')[0];
}

/** Signs in until it is let through (a condition, not a sleep): how long the wait was. */
async function signInOnceAllowed(username: string, ip: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await signIn(username, 'secret', ip);
    if (res.status === 200) return (Date.now() - started) / 1000;
    expect(res.status).toBe(429);
    if (Date.now() - started > 10_000) throw new Error('still refused after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('POST /api/session – a team behind one address is not locked out (device cookies)', () => {
  // The counts live in the stack's Redis: counter's own must not outlive these tests (other
  // tests sign in as counter).
  const forgetCounter = () => store().remove('signin:user:counter');
  beforeAll(forgetCounter);
  afterAll(forgetCounter);

  it('after 60 failures for random usernames from one address, a known browser signs in at once and a new one waits a few seconds at most', async () => {
    const ip = `203.0.113.${Date.now() % 200}`;
    const known = deviceCookie(await signIn('counter', 'secret', ip));
    // Recorded the way the route records a refused password (the first test shows it does),
    // for usernames that exist nowhere: through Dovecot, which delays every login from an
    // address after failures (its own penalty), 60 failures would take minutes.
    for (let i = 0; i < 60; i++) await recordSignInFailure({ username: `spray${Date.now()}x${i}`, ip });

    // A new browser is held back a few seconds (Wren refuses at once; no IMAP login is made).
    const fresh = await signIn('counter', 'secret', ip);
    expect(fresh.status).toBe(429);
    const wait = Number(/Try again in (\d+) seconds?/.exec((await fresh.json()).error.message)?.[1]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(4);
    // The browser that signed in before is not held back at all.
    expect((await signIn('counter', 'secret', ip, known)).status).toBe(200);
    expect(await signInOnceAllowed('counter', ip)).toBeLessThan(6);
  }, 60_000);

  it("someone guessing a user's password locks out new browsers for that user, not the user's own browser", async () => {
    const ip = '198.51.100.7';
    const known = deviceCookie(await signIn('counter', 'secret', ip));
    for (let i = 0; i < 10; i++) await recordSignInFailure({ username: 'counter', ip: `192.0.2.${i}` });
    const stranger = await signIn('counter', 'secret', '192.0.2.99');
    expect(stranger.status).toBe(429);
    expect((await stranger.json()).error.message).toMatch(/Try again in \d+ minutes/);
    // The user's own browser is counted on its own, and its success does not clear the guesser's count.
    expect((await signIn('counter', 'secret', ip, known)).status).toBe(200);
    expect((await signIn('counter', 'secret', '192.0.2.99')).status).toBe(429);
    // A device cookie of another user counts for nothing.
    const other = deviceCookie(await signIn('alice', 'secret', ip));
    expect((await signIn('counter', 'secret', ip, other)).status).toBe(429);
  }, 60_000);
});
