'use client';

import { useLocale, useTimeZone } from '@/lib/i18n/client';
import { useMemo } from 'react';
import { formatFullDate, formatListDate, formatSize } from '../format';

/**
 * lib/format.ts in the page's language and time zone (NextIntlClientProvider): the same on the
 * server's render and in the browser, so hydration finds the same text.
 */
export function useFormat() {
  const locale = useLocale();
  const timeZone = useTimeZone();
  return useMemo(() => {
    const where = { locale, timeZone };
    return {
      locale,
      listDate: (iso: string, now?: Date) => formatListDate(iso, now, where),
      fullDate: (iso: string) => formatFullDate(iso, where),
      size: (bytes: number) => formatSize(bytes, locale),
    };
  }, [locale, timeZone]);
}
