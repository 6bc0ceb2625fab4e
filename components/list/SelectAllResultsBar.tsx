'use client';

import { useTranslations } from '@/lib/i18n/client';
import type { SearchResultSet } from '@/lib/types';
import type { SelectionState } from './use-selection';

interface Props {
  selection: SelectionState;
  /** How many results are loaded, and whether all of those are ticked. */
  loaded: number;
  allLoadedSelected: boolean;
  /** The search's whole result set as the server pinned it; null outside a search. */
  resultSet: SearchResultSet | null;
}

const link = 'rounded px-1 font-semibold text-sky-800 underline-offset-2 hover:underline';

/**
 * While searching, ticking "select all" takes the loaded results; when the search found more,
 * this offers all of them with the server's true count, and says so once they are selected.
 */
export function SelectAllResultsBar({ selection, loaded, allLoadedSelected, resultSet }: Props) {
  const t = useTranslations('mail.list');
  if (selection.results) {
    return (
      <div role="status" data-testid="select-all-results" className="border-b border-slate-200 bg-sky-50 px-3 py-2 text-center text-xs text-slate-700">
        {t('allResultsSelected', { n: selection.results.count })}{' '}
        <button type="button" className={link} onClick={selection.clear}>
          {t('clearSelection')}
        </button>
      </div>
    );
  }
  if (!resultSet || !allLoadedSelected || resultSet.count <= loaded) return null;
  return (
    <div role="status" data-testid="select-all-results" className="border-b border-slate-200 bg-sky-50 px-3 py-2 text-center text-xs text-slate-700">
      {t('loadedSelected', { n: loaded })}{' '}
      <button type="button" className={link} onClick={() => selection.selectResults(resultSet)}>
        {t('selectAllResults', { n: resultSet.count })}
      </button>
    </div>
  );
}
