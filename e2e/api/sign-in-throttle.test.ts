import { describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import { wrenCommands } from '../support/dovecot';
import { call } from './call';

const signIn = (username: string, password: string, forwardedFor?: string) => {
  const req = new Request('http://wren.test/api/session', {
    method: 'POST',
    headers: { host: 'wren.test', origin: 'http://wren.test', 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
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
