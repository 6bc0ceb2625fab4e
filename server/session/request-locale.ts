import 'server-only';
import { headers } from 'next/headers';
import { resolveLocale, type Locale } from '@/lib/i18n/config';
import { getCurrentSession } from './current';

/**
 * The language and time zone of the page being rendered: the user's setting kept in the session
 * (set at sign-in and when saved: no settings read per request), else Accept-Language, else
 * English; the time zone the browser gave at sign-in, else UTC.
 */
export async function requestLocale(): Promise<{ locale: Locale; timeZone: string }> {
  const [session, list] = await Promise.all([getCurrentSession(), headers()]);
  return { locale: resolveLocale(session?.language, list.get('accept-language')), timeZone: session?.timeZone ?? 'UTC' };
}
