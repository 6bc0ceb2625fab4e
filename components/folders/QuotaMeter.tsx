'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import { whenIdle } from '@/lib/when-idle';

/**
 * The mailbox's usage under the folder tree: a native <meter>, which the browser paints as a
 * warning past its `low` mark (90%), named by "1.2 MB of 10 MB used" (worded by the server,
 * /api/quota's `usage`: the mail view's JavaScript stays small). Read again whenever
 * `refreshKey` (the folder list) changes. Nothing without a quota.
 */
export function QuotaMeter({ refreshKey }: { refreshKey: unknown }) {
  const t = useTranslations('quota');
  const [usage, setUsage] = useState<{ text: string; percent: number } | null>(null);
  // Asked for once the page is idle: not in the hydration's commit (whenIdle).
  useEffect(
    () =>
      whenIdle(() => {
        apiRequest<{ usage: typeof usage }>('/api/quota').then((d) => setUsage(d.usage), () => {});
      }),
    [refreshKey],
  );
  return (
    usage && (
      <label className="px-4 pt-2 text-xs text-slate-600">
        <meter value={usage.percent / 100} low={0.9} className="w-full" />
        {t('used', { usage: usage.text })}
      </label>
    )
  );
}
