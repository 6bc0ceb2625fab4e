import { getRequestConfig } from 'next-intl/server';
import { requestLocale } from '@/server/session/request-locale';
import { loadMessages } from './load-messages';

/**
 * next-intl's request configuration (passed to createNextIntlPlugin in next.config.ts): the
 * language of each page without locale routing (URLs carry no language), its messages and the
 * time zone dates are shown in. Server-only: it reads the session.
 */
export default getRequestConfig(async () => {
  const { locale, timeZone } = await requestLocale();
  return { locale, timeZone, messages: await loadMessages(locale) };
});
