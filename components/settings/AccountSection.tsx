'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useSyncExternalStore } from 'react';
import { QuotaMeter } from '@/components/folders/QuotaMeter';
import { MAILTO_HANDLER } from '@/lib/pwa/install';
import type { SectionProps } from './sections';

const unchanging = () => () => undefined;
// Firefox, Chrome and Edge on a computer; not Safari, not Android (an installed Wren gets mailto:
// links through its manifest's protocol_handlers instead).
const canHandleMailto = () => 'registerProtocolHandler' in navigator;

/** Who is signed in, where the settings are kept, how full the mailbox is; mailto: links. */
export function AccountSection({ username, storage }: SectionProps) {
  const t = useTranslations('settings.account');
  const mailtoHandler = useSyncExternalStore(unchanging, canHandleMailto, () => false);
  return (
    <div className="flex max-w-xl flex-col gap-4 text-sm">
      <p>
        {t.rich('signedInAs', { username, strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      <p data-testid="settings-storage">
        {storage === 'imap-metadata'
          ? t('keptOnServer')
          : t('keptInWren')}
      </p>
      <div className="flex max-w-xs flex-col">
        <QuotaMeter refreshKey={null} />
      </div>
      {mailtoHandler && (
        <div className="flex flex-col items-start gap-1">
          <button type="button" onClick={() => navigator.registerProtocolHandler('mailto', MAILTO_HANDLER)} className="min-h-11 rounded border border-slate-300 bg-white px-3 hover:bg-slate-100">
            {t('mailtoButton')}
          </button>
          <span className="text-slate-600">{t('mailtoHint')}</span>
        </div>
      )}
    </div>
  );
}
