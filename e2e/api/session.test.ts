import { describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as foldersRoute from '@/app/api/folders/route';
import { call, cookieFrom } from './call';

describe('sign-in and sign-out', () => {
  it('POST /api/session – right password -> 200 and an HttpOnly, SameSite=Lax cookie without the password', async () => {
    const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: 'alice' });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^wren_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('secret');
    expect(res.headers.get('cache-control')).toBe('private, no-store, no-transform');
  });

  it('POST /api/session – wrong password -> 401 auth_failed "Wrong username or password"', async () => {
    const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'auth_failed', message: 'Wrong username or password' } });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('POST /api/session – empty username -> 400 with the one error shape', async () => {
    const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: '', password: 'x' } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/Username is required/);
  });

  it('POST /api/session – body that is not JSON -> 400', async () => {
    const req = new Request('http://wren.test/api/session', {
      method: 'POST',
      headers: { host: 'wren.test', origin: 'http://wren.test' },
      body: '{not json',
    });
    const res = await sessionRoute.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
  });

  it('POST /api/session – from another origin or without Origin -> 403', async () => {
    const body = { username: 'alice', password: 'secret' };
    const foreign = await call(sessionRoute.POST, '/api/session', { method: 'POST', body, origin: 'http://evil.test' });
    expect(foreign.status).toBe(403);
    const missing = await call(sessionRoute.POST, '/api/session', { method: 'POST', body, origin: null });
    expect(missing.status).toBe(403);
  });

  it('GET /api/folders – without a session -> 401 JSON error', async () => {
    const res = await call(foldersRoute.GET, '/api/folders');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'Not signed in' } });
  });

  it('GET /api/folders – forged cookie -> 401', async () => {
    const res = await call(foldersRoute.GET, '/api/folders', { cookie: 'wren_session=Fe26.2**forged' });
    expect(res.status).toBe(401);
  });

  it('DELETE /api/session – the old cookie replayed afterwards -> 401', async () => {
    const signIn = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'alice', password: 'secret' } });
    const cookie = cookieFrom(signIn);
    expect((await call(foldersRoute.GET, '/api/folders', { cookie })).status).toBe(200);
    const out = await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    const replay = await call(foldersRoute.GET, '/api/folders', { cookie });
    expect(replay.status).toBe(401);
    expect((await replay.json()).error.code).toBe('unauthorized');
  });
});
