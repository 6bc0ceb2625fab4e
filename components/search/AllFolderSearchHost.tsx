'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect } from 'react';
import { useAllFolderSearch, type AllFolderResults } from './use-all-folder-search';

/**
 * Runs a search across all folders (`shared`: other users' and public ones too), hands its
 * results to the mail view and shows below the list how far it got ("Show more"). A component
 * of its own so that the search's code is fetched with the first such search, not with the mail
 * view. Unmounted (the search left), it hands back null.
 */
export function AllFolderSearchHost({ q, shared, onChange }: { q: string; shared: boolean; onChange: (results: AllFolderResults | null) => void }) {
  const t = useTranslations('mail.search');
  const results = useAllFolderSearch(q, shared);
  useEffect(() => onChange(results), [results, onChange]);
  useEffect(() => () => onChange(null), [onChange]);
  if (!results.running && !results.hasMore) return null;
  return (
    <div role="status" className="flex items-center gap-2 border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
      {results.running ? t('searchingAll') : t('showingNewest', { n: String(results.total ?? 0) })}
      {results.hasMore && !results.running && (
        <button type="button" onClick={results.showMore} className="ms-auto rounded px-2 py-1 text-sky-800 hover:bg-slate-100">
          {t('showMore')}
        </button>
      )}
    </div>
  );
}
