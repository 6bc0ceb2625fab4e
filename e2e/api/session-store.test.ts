import { createClient } from '@redis/client';
import { afterAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import { RedisSessionStore } from '@/server/session/redis-store';
import { createSession, destroySession, isKnownUnsealed, loadSession } from '@/server/session/session';
import { call } from './call';

const url = process.env.REDIS_URL!;
const raw = createClient({ url });

afterAll(async () => {
  if (raw.isOpen) await raw.close();
});

describe('sessions in Redis (REDIS_URL set)', () => {
  it('the store holds the username and a sealed password, never the password itself, with a TTL', async () => {
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:/);
    const { session, cookie } = await createSession('alice', 'secret-Päss');
    await raw.connect();
    const value = await raw.get(`wren:session:${session.id}`);
    expect(value).toContain('"username":"alice"');
    expect(value).not.toContain('secret-Päss');
    expect(await raw.ttl(`wren:session:${session.id}`)).toBeGreaterThan(3600);
    expect(cookie).not.toContain(session.id);

    // Another Wren process (a second store on the same Redis) sees the same session.
    const other = new RedisSessionStore(url);
    expect((await other.get(session.id))?.username).toBe('alice');
    await other.close();

    await destroySession(session.id);
    expect(await raw.get(`wren:session:${session.id}`)).toBeNull();
    expect(await loadSession(cookie)).toBeNull();
  });

  it("a new session's cookie is known unsealed from the start: the first request after sign-in does not unseal it (#22)", async () => {
    const { session, cookie } = await createSession('alice', 'secret');
    expect(isKnownUnsealed(cookie)).toBe(true);
    expect((await loadSession(cookie))?.id).toBe(session.id);
    await destroySession(session.id);
    // Revocation does not depend on it: the store is read on every request.
    expect(await loadSession(cookie)).toBeNull();
  });

  it('sign-in through the route stores the session in Redis', async () => {
    // Other files sign in meanwhile (npm test runs two lanes side by side): the new keys are
    // looked at, not their number.
    const before = new Set(await raw.keys('wren:session:*'));
    const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } });
    expect(res.status).toBe(200);
    const added = (await raw.keys('wren:session:*')).filter((key) => !before.has(key));
    const values = await Promise.all(added.map((key) => raw.get(key)));
    expect(values.filter((value) => value?.includes('"username":"alice"'))).toHaveLength(1);
  });
});
