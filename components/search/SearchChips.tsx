'use client';

import { useTranslations } from '@/lib/i18n/client';
import { chipWordsFrom, parseQuery, toChips } from '@/lib/search-query';

/**
 * The terms of the search shown, as chips that each remove their term. Fetched with the query
 * parser, when there is a search: the mail view's first download does without both.
 */
export function SearchChips({ query, onChange }: { query: string; onChange: (rest: string) => void }) {
  const t = useTranslations('mail.search');
  const c = useTranslations('mail.search.chips');
  const words = chipWordsFrom(c as unknown as (key: string, values?: Record<string, string | number>) => string);
  const parsed = parseQuery(query);
  const chips = parsed.ok ? toChips(parsed.ast, words) : [];
  if (!chips.length) return null;
  return (
    <ul aria-label={t('terms')} className="mt-1 flex flex-wrap gap-1">
      {chips.map((chip, i) => (
        <li key={`${chip.text}-${i}`} className="flex items-center gap-1 rounded-full bg-sky-100 px-2 text-xs text-sky-900">
          {chip.label}
          <button
            type="button"
            aria-label={t('removeTerm', { term: chip.label })}
            onClick={() =>
              onChange(
                chips
                  .filter((_, j) => j !== i)
                  .map((c) => c.text)
                  .join(' '),
              )
            }
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
