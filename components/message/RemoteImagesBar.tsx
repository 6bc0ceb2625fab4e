'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import { apiRequest } from '@/lib/api-client';

interface Props {
  /** Remote images are shown now. */
  shown: boolean;
  /** They are shown because the user always shows this sender's images. */
  always: boolean;
  sender?: string;
  onShow: (show: boolean) => void;
}

/** The bar above a message with remote images: show them once, always for this sender, or stop. */
export function RemoteImagesBar({ shown, always, sender, onShow }: Props) {
  const t = useTranslations('mail.images');
  const [remembered, setRemembered] = useState(always);
  const [error, setError] = useState<string | null>(null);

  async function remember(next: boolean) {
    if (!sender) return;
    setError(null);
    try {
      await apiRequest('/api/image-senders', { method: 'POST', body: { address: sender, always: next } });
      setRemembered(next);
      onShow(next);
    } catch (e) {
      setError(e instanceof Error ? e.message : t('notSaved'));
    }
  }

  const button = 'rounded border border-amber-300 px-2 py-0.5 hover:bg-amber-100';
  if (shown && !remembered) return null;
  return (
    <div className="flex flex-wrap items-center gap-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {remembered ? (
        <>
          <span>{t('alwaysShown', { sender: sender ?? '' })}</span>
          <button type="button" onClick={() => void remember(false)} className={button}>
            {t('stop')}
          </button>
        </>
      ) : (
        <>
          <span>{t('blocked')}</span>
          <button type="button" onClick={() => onShow(true)} className={button}>
            {t('show')}
          </button>
          {sender && (
            <button type="button" onClick={() => void remember(true)} className={button}>
              {t('always', { sender })}
            </button>
          )}
        </>
      )}
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
