import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { loadSession, SESSION_COOKIE, type Session } from './session';

/**
 * The session of the request being rendered (server components), or null. Read once per render
 * (React's cache): the root layout (the theme, the language) and the page share it, and so the
 * settings read keyed by it (server/mail/settings.ts).
 */
export const getCurrentSession = cache(async (): Promise<Session | null> => {
  const jar = await cookies();
  return loadSession(jar.get(SESSION_COOKIE)?.value);
});
