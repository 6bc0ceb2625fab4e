'use client';

import { useEffect } from 'react';
import { useAllFolderSearch, type AllFolderResults } from './use-all-folder-search';

/**
 * Runs a search across all folders and hands its results to the mail view. A component of its
 * own so that the search's code is fetched with the first such search, not with the mail view.
 * Unmounted (the search left), it hands back null.
 */
export function AllFolderSearchHost({ q, onChange }: { q: string; onChange: (results: AllFolderResults | null) => void }) {
  const results = useAllFolderSearch(q);
  useEffect(() => onChange(results), [results, onChange]);
  useEffect(() => () => onChange(null), [onChange]);
  return null;
}
