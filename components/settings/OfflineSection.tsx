'use client';

import { useLocale, useTranslations } from '@/lib/i18n/client';
import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import { formatSize } from '@/lib/format';
import { offlineStore, type OpenedStore } from '@/lib/offline/store';
import type { OfflineKeyDto } from '@/lib/types';

const store = offlineStore();
const MB = 1024 * 1024;
const LIMITS = [0, 10 * MB, 50 * MB, 200 * MB];

type Usage = Awaited<ReturnType<typeof store.usage>>;

/** The store of this sign-in (made now if the worker has not made it yet: the limit lives in it). */
async function withStore<T>(fn: (opened: OpenedStore) => Promise<T>): Promise<T> {
  const opened = (await store.current()) ?? (await store.setup(await apiRequest<OfflineKeyDto>('/api/offline/key')));
  try {
    return await fn(opened);
  } finally {
    opened.db.close();
  }
}


/**
 * Offline reading on this device (#19, lib/offline/): how much mail is kept, encrypted, for reading
 * without a connection, the most it may take, and Clear. This browser's, not the user's everywhere.
 */
export function OfflineSection() {
  const t = useTranslations('settings.offline');
  const [usage, setUsage] = useState<Usage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const locale = useLocale();

  const read = useCallback(
    (fn?: (opened: OpenedStore) => Promise<void>) =>
      withStore(async (opened) => {
        await fn?.(opened);
        return store.usage(opened);
      }).then(
        (next) => {
          setUsage(next);
          setError(null);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : t('unsupported')),
      ),
    [t],
  );

  useEffect(() => {
    void read();
  }, [read]);

  const run = (fn: (opened: OpenedStore) => Promise<void>) => {
    setBusy(true);
    void read(fn).finally(() => setBusy(false));
  };

  return (
    <div className="flex max-w-xl flex-col gap-4 text-sm">
      <p>
        {t('explain')}
      </p>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-700">
          {error}
        </p>
      )}
      {usage && (
        <p data-testid="offline-usage">
          {t('usage', { used: formatSize(usage.bytes, locale), limit: usage.limit ? formatSize(usage.limit, locale) : t('nothing'), messages: usage.messages, folders: usage.lists, attachments: usage.attachments })}
          {usage.queued > 0 && ` ${t('queued', { n: usage.queued })}`}
        </p>
      )}
      <label className="flex items-center gap-3">
        {t('keepAtMost')}
        <select
          className="min-h-11 rounded border border-slate-300 bg-white px-2"
          disabled={!usage || busy}
          value={usage?.limit ?? 50 * MB}
          onChange={(e) => {
            // Read now: the select shows the stored limit again until the new one is stored.
            const max = Number(e.target.value);
            run((opened) => store.setLimit(opened, max));
          }}
        >
          {LIMITS.map((bytes) => (
            <option key={bytes} value={bytes}>
              {bytes ? formatSize(bytes, locale) : t('off')}
            </option>
          ))}
        </select>
      </label>
      <div>
        <button
          type="button"
          disabled={!usage || busy}
          onClick={() => run((opened) => store.clear(opened))}
          className="min-h-11 rounded border border-slate-300 bg-white px-3 hover:bg-slate-100 disabled:opacity-50"
        >
          {t('clear')}
        </button>
      </div>
    </div>
  );
}
