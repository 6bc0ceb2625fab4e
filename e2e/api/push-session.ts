import { expect } from 'vitest';
import * as subscriptionRoute from '@/app/api/push/subscription/route';
import * as sessionRoute from '@/app/api/session/route';
import { call, cookieFrom } from './call';

/** Signs `user` in through the session route; answers the session cookie. */
export async function signInFor(user: string): Promise<string> {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: user, password: 'secret' } });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

/** Removes every push device of `user`, whatever an earlier run (a failed one) left. */
export async function forgetAllDevices(user: string): Promise<void> {
  const cookie = await signInFor(user);
  const list = (await (await call(subscriptionRoute.GET, '/api/push/subscription', { cookie })).json()) as { devices: { id: string }[] };
  for (const { id } of list.devices) await call(subscriptionRoute.DELETE, '/api/push/subscription', { method: 'DELETE', cookie, body: { id } });
  await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie });
}
