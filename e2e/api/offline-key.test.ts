import { describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as keyRoute from '@/app/api/offline/key/route';
import type { OfflineKeyDto } from '@/lib/types';
import { call, cookieFrom } from './call';

// GET /api/offline/key (#19): the keys a browser encrypts its offline copy of mail under, derived
// from the session (server/session/offline-key.ts). otis: the offline browser specs' second user.

const signIn = async () => cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'otis', password: 'secret' } }));
const keyOf = (cookie?: string) => call(keyRoute.GET, '/api/offline/key', { cookie });

describe('GET /api/offline/key', () => {
  it('gives the session its keys, the same at every ask, never cached; another sign-in gets others for the same store', async () => {
    const first = await signIn();
    const res = await keyOf(first);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store, no-transform');
    const key = (await res.json()) as OfflineKeyDto;
    expect(key.user).toBe('otis');
    expect(key.store).toMatch(/^wren-offline-[0-9a-f]{24}$/);
    expect(Buffer.from(key.enc, 'base64url')).toHaveLength(32);
    expect(Buffer.from(key.mac, 'base64url')).toHaveLength(32);
    expect(key.expiresAt).toBeGreaterThan(Date.now());
    expect(await (await keyOf(first)).json()).toEqual(key);

    const second = await signIn();
    const other = (await (await keyOf(second)).json()) as OfflineKeyDto;
    expect(other.store).toBe(key.store);
    expect(other.enc).not.toBe(key.enc);
    expect(other.keyId).not.toBe(key.keyId);
    await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie: second });
    await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie: first });
  });

  it('answers 401 without a session, and after sign-out', async () => {
    expect((await keyOf()).status).toBe(401);
    const cookie = await signIn();
    await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie });
    expect((await keyOf(cookie)).status).toBe(401);
  });
});
