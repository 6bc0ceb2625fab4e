import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { loadSession, SESSION_COOKIE, type Session } from './session';

/**
 * The session of the request being rendered (server components), or null. Read once per
 * request: the page and the language of its messages (lib/i18n/request.ts) share it.
 */
export const getCurrentSession = cache(async (): Promise<Session | null> => {
  const jar = await cookies();
  return loadSession(jar.get(SESSION_COOKIE)?.value);
});
