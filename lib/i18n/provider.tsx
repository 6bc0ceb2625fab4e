import { getLocale, getMessages, getTimeZone } from 'next-intl/server';
import type { ReactNode } from 'react';
import { listDateSeed } from '../format';
import { I18nProvider } from './client';
import { pickNamespaces } from './load-messages';
import type { MAIL_NAMESPACES } from './namespaces';

type Namespace = (typeof MAIL_NAMESPACES)[number] | 'settings' | 'login';

/**
 * A page's client components get its language, time zone and the messages of `namespaces` only
 * (lib/i18n/namespaces.ts): they travel in the page's HTML, not in its JavaScript. Server component.
 */
export async function PageI18n({ namespaces, listDates, children }: { namespaces: readonly Namespace[]; listDates?: readonly string[]; children: ReactNode }) {
  const [locale, timeZone, messages] = await Promise.all([getLocale(), getTimeZone(), getMessages()]);
  // The dates of the rows the page comes with, as the list shows them (lib/format.ts, ListDateSeed).
  const seed = listDates?.length ? listDateSeed(listDates, { locale, timeZone }) : undefined;
  return (
    <I18nProvider locale={locale} timeZone={timeZone} messages={pickNamespaces(messages, namespaces)} listDates={seed}>
      {children}
    </I18nProvider>
  );
}
