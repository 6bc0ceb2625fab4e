'use client';

import { useTranslations } from '@/lib/i18n/client';
import { forwardRef, useState } from 'react';
import type { SearchScope } from '@/lib/mail-url';
import { apiRequest } from '@/lib/api-client';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';

// The query parser, the search's chips and the advanced form are fetched when first needed (the
// box is focused, there is a search, "Advanced" is clicked), not with the mail view.
const searchParser = lazyModule(() => import('@/lib/search-query'));
const searchChips = lazyModule(() => import('./SearchChips'));
const advancedForm = lazyModule(() => import('./AdvancedSearch'));
const preloadParser = () => void searchParser.load().catch(() => undefined);

export type { SearchScope };

interface Props {
  /** The folder shown: focusing the box readies the server's search connection for it. */
  folder: string;
  query: string;
  scope: SearchScope;
  onSearch: (q: string, scope: SearchScope) => void;
}

/**
 * The search box above the list (`/` focuses it), its scope (this folder or all folders) and
 * the advanced form. The query is parsed here first, so a typo is explained next to the box
 * with its position and never reaches the server; the server parses again before it searches.
 */
export const SearchBox = forwardRef<HTMLInputElement, Props>(function SearchBox({ folder, query, scope, onSearch }, ref) {
  const t = useTranslations('mail.search');
  const [draft, setDraft] = useState(query);
  const [draftScope, setDraftScope] = useState<SearchScope>(scope);
  const [error, setError] = useState<string | null>(null);
  const [advanced, setAdvanced] = useState(false);
  const chips = useLazyModule(searchChips, query !== '');
  const advancedModule = useLazyModule(advancedForm, advanced);

  async function submit(text: string, nextScope: SearchScope) {
    let parseQuery;
    try {
      ({ parseQuery } = await searchParser.load());
    } catch {
      setError(t('unreachable'));
      return;
    }
    const result = parseQuery(text);
    if (!result.ok) {
      const { code, values, position } = result.error;
      setError(t('syntax', { detail: (t as unknown as (key: string, values: object) => string)(`query.${code}`, values), position: String(position + 1) }));
      return;
    }
    setError(null);
    setDraft(text.trim());
    setDraftScope(nextScope);
    setAdvanced(false);
    onSearch(text.trim(), nextScope);
  }

  return (
    <div className="border-b border-slate-200 px-3 py-2">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(draft, draftScope);
        }}
        className="flex items-center gap-2"
      >
        <input
          ref={ref}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onFocus={() => {
            preloadParser();
            // While the user types, the server opens its search connection and selects the
            // folder (server/mail/search.ts prepareSearch): the first search then waits for neither.
            void apiRequest('/api/search/prepare', { method: 'POST', body: { folder } }).catch(() => undefined);
          }}
          aria-label={t('label')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'search-error' : undefined}
          placeholder={t('placeholder')}
          className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <select
          aria-label={t('scope')}
          value={draftScope}
          onChange={(e) => {
            const next = e.target.value as SearchScope;
            setDraftScope(next);
            // A search already shown follows the new scope at once.
            if (query) void submit(draft, next);
          }}
          className="rounded border border-slate-300 px-1 py-1 text-xs"
        >
          <option value="folder">{t('scopeFolder')}</option>
          <option value="all">{t('scopeAll')}</option>
          <option value="shared">{t('scopeShared')}</option>
        </select>
        <button
          type="button"
          aria-expanded={advanced}
          onClick={() => setAdvanced(!advanced)}
          className="text-xs text-sky-800 hover:underline"
        >
          {t('advanced')}
        </button>
        {query && (
          <button
            type="button"
            onClick={() => {
              setDraft('');
              setError(null);
              onSearch('', draftScope);
            }}
            className="text-xs text-slate-500 hover:text-slate-800"
          >
            {t('clear')}
          </button>
        )}
      </form>
      {error && (
        <p id="search-error" role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
      {advanced && advancedModule && <advancedModule.AdvancedSearch query={draft} scope={draftScope} onSearch={submit} onClose={() => setAdvanced(false)} />}
      {query && chips && (
        <chips.SearchChips
          query={query}
          onChange={(rest) => {
            setDraft(rest);
            onSearch(rest, draftScope);
          }}
        />
      )}
    </div>
  );
});
