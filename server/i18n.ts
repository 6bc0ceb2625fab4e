import 'server-only';
import type { Messages } from 'next-intl';
// From use-intl (next-intl's core), not from 'next-intl': that entry also exports
// NextIntlClientProvider, a client component, and any server import of it puts the provider in
// the browser's first download of every page (1.1 KB gzipped, unused: lib/i18n/client.tsx).
import { createTranslator } from 'use-intl/core';
import { DEFAULT_LOCALE, resolveLocale, type Locale } from '@/lib/i18n/config';
import en from '@/lib/i18n/messages/en.json';
import de from '@/lib/i18n/messages/de.json';
import ar from '@/lib/i18n/messages/ar.json';
import { withFallback } from '@/lib/i18n/load-messages';

/*
 * Translation on the server, outside a page (route handlers: error messages; the quote line of a
 * reply). The same catalogs as the pages, imported whole: the server bundle is not sent anywhere.
 */

type Tree = { [key: string]: unknown };
const CATALOGS: Record<Locale, Messages> = {
  en: en as Messages,
  de: de as unknown as Messages,
  ar: withFallback(en as Tree, ar as Tree) as unknown as Messages,
};

/** The language of an API request: the session's setting, else Accept-Language, else English. */
export function localeOfRequest(req: Request | null | undefined, setting?: string | null): Locale {
  return resolveLocale(setting, req?.headers.get('accept-language'));
}

/** A translator for one namespace in `locale`. */
export function serverTranslator<N extends keyof Messages & string>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: CATALOGS[locale] ?? CATALOGS[DEFAULT_LOCALE], namespace });
}
