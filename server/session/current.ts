import 'server-only';
import { cookies } from 'next/headers';
import { loadSession, SESSION_COOKIE, type Session } from './session';

/** The session of the request being rendered (server components), or null. */
export async function getCurrentSession(): Promise<Session | null> {
  const jar = await cookies();
  return loadSession(jar.get(SESSION_COOKIE)?.value);
}
