'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect } from 'react';
import { clientWords } from '@/lib/api-client';

/**
 * Puts what the browser itself says about a request that got no answer (lib/api-client.ts) in
 * the page's language. Rendered by each page inside its NextIntlClientProvider; renders nothing.
 */
export function ClientWords() {
  const t = useTranslations('common');
  useEffect(() => {
    clientWords.network = t('network');
    clientWords.requestFailed = (status) => t('requestFailed', { status: String(status) });
  }, [t]);
  return null;
}
