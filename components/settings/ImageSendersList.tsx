'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import type { ImageSendersDto } from '@/lib/types';

/**
 * The senders whose remote images are always shown ("Always show images from this sender" on a
 * message), newest first, each with Remove. Kept beside the settings (GET /api/image-senders).
 */
export function ImageSendersList() {
  const t = useTranslations('settings.images');
  const [list, setList] = useState<ImageSendersDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    apiRequest<ImageSendersDto>('/api/image-senders').then(setList, (e: Error) => setError(e.message));
  }, []);

  async function remove(address: string) {
    setError(null);
    try {
      await apiRequest('/api/image-senders', { method: 'POST', body: { address, always: false } });
      setList((l) => l && { ...l, senders: l.senders.filter((s) => s !== address) });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="image-senders" className="flex flex-col gap-2">
      <h3 id="image-senders" className="font-medium">
        {t('title')}
      </h3>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      {list === null ? (
        !error && <p className="text-slate-500">{t('loading')}</p>
      ) : list.senders.length === 0 ? (
        <p className="text-slate-500">{t('none')}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {[...list.senders].reverse().map((address) => (
            <li key={address} className="flex items-center gap-2 px-3 py-1.5">
              <span className="min-w-0 flex-1 truncate">{address}</span>
              <button type="button" aria-label={t('removeAddress', { address })} onClick={() => void remove(address)} className="rounded px-2 py-1 text-sky-800 hover:bg-slate-100">
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
