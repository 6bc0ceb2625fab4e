'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useRef, useState } from 'react';
import { useFocusReturn } from '../ui/use-focus-return';
import { fieldsToQuery, queryToFields, type SearchFields } from '@/lib/search-form';
import type { SearchScope } from './SearchBox';

interface Props {
  query: string;
  scope: SearchScope;
  onSearch: (q: string, scope: SearchScope) => void;
  onClose: () => void;
}

const input = 'w-full rounded border border-slate-300 px-2 py-1 text-sm';

// IMAP SEARCH has no attachment criterion: has:attachment is compiled to HEADER Content-Type
// multipart/mixed (server/mail/search/compiler.ts), and the help says what that finds.

/** The same query as the box, built from fields; opens filled with what the box holds. */
export function AdvancedSearch({ query, scope: initialScope, onSearch, onClose }: Props) {
  const t = useTranslations('mail.search');
  const [fields, setFields] = useState<SearchFields>(() => queryToFields(query));
  const [scope, setScope] = useState<SearchScope>(initialScope);
  // Closed (Escape, Cancel, Search): focus goes back to "Advanced".
  const form = useRef<HTMLFormElement>(null);
  useFocusReturn(form);
  const text = (name: keyof SearchFields, label: string, type = 'text') => (
    <label className="flex flex-col gap-0.5 text-xs text-slate-600">
      {label}
      <input
        type={type}
        className={input}
        value={fields[name] as string}
        onChange={(e) => setFields((f) => ({ ...f, [name]: e.target.value }))}
      />
    </label>
  );
  const check = (name: 'unread' | 'flagged' | 'attachment', label: string, describedBy?: string) => (
    <label className="flex items-center gap-1 text-sm">
      <input
        type="checkbox"
        checked={fields[name]}
        aria-describedby={describedBy}
        onChange={(e) => setFields((f) => ({ ...f, [name]: e.target.checked }))}
      />
      {label}
    </label>
  );
  return (
    <form
      ref={form}
      aria-label={t('advancedTitle')}
      className="mt-2 grid grid-cols-2 gap-2 rounded border border-slate-200 bg-slate-50 p-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(fieldsToQuery(fields), scope);
      }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      {text('from', t('from'))}
      {text('to', t('to'))}
      <div className="col-span-2">{text('subject', t('subject'))}</div>
      {text('words', t('words'))}
      {text('without', t('without'))}
      {text('after', t('after'), 'date')}
      {text('before', t('before'), 'date')}
      <div className="col-span-2 flex flex-wrap gap-3">
        {check('unread', t('unread'))}
        {check('flagged', t('starred'))}
        {check('attachment', t('hasAttachment'), 'attachment-search-help')}
        <p id="attachment-search-help" className="w-full text-xs text-slate-500">
          {t('attachmentHelp')}
        </p>
      </div>
      <label className="col-span-2 flex items-center gap-2 text-xs text-slate-600">
        {t('searchIn')}
        <select className="rounded border border-slate-300 px-1 py-0.5 text-sm" value={scope} onChange={(e) => setScope(e.target.value as SearchScope)}>
          <option value="folder">{t('scopeFolder')}</option>
          <option value="all">{t('scopeAll')}</option>
          <option value="shared">{t('scopeShared')}</option>
        </select>
      </label>
      <div className="col-span-2 flex justify-end gap-2">
        <button type="button" className="rounded px-3 py-1 text-sm hover:bg-white" onClick={onClose}>
          {t('cancel')}
        </button>
        <button type="submit" className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800">
          {t('search')}
        </button>
      </div>
    </form>
  );
}
