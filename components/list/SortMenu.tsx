'use client';

import { useTranslations } from '@/lib/i18n/client';
import { apiRequest } from '@/lib/api-client';
import { parseSortOrder, SORT_KEYS, type SortKey, type SortOrder } from '@/lib/sort';
import { useMenu } from '../ui/menu-keys';

interface Props {
  folder: string;
  sort: SortOrder;
  onChoose: (sort: SortOrder) => void;
  onSaveFailed: (message: string) => void;
  onClose: () => void;
}

// The words of each direction, by key: what "ascending" means for it.
type Direction = 'newestFirst' | 'oldestFirst' | 'zToA' | 'aToZ' | 'largestFirst' | 'smallestFirst';
const DIRECTIONS: Record<SortKey, [desc: Direction, asc: Direction]> = {
  arrival: ['newestFirst', 'oldestFirst'],
  date: ['newestFirst', 'oldestFirst'],
  from: ['zToA', 'aToZ'],
  subject: ['zToA', 'aToZ'],
  size: ['largestFirst', 'smallestFirst'],
};

/**
 * The list's order: what to sort by, and which way (fetched on first use by SortControl). A choice
 * applies at once and is kept in the user's settings for this folder (PUT /api/settings/sort).
 */
export function SortMenu({ folder, sort, onChoose, onSaveFailed, onClose }: Props) {
  const t = useTranslations('mail.sort');
  const { ref, onKeyDown } = useMenu<HTMLDivElement>(onClose);
  const { key, descending } = parseSortOrder(sort);
  const choose = (next: SortOrder) => {
    onClose();
    if (next === sort) return;
    onChoose(next);
    apiRequest('/api/settings/sort', { method: 'PUT', body: { folder, sort: next } }).catch((error: Error) =>
      onSaveFailed(t('notSaved', { reason: error.message })),
    );
  };
  const item = (label: string, checked: boolean, next: SortOrder) => (
    <button
      key={label}
      type="button"
      role="menuitemradio"
      aria-checked={checked}
      className="flex w-full items-center gap-2 px-3 py-1.5 text-start text-sm hover:bg-slate-100"
      onClick={() => choose(next)}
    >
      <span aria-hidden="true" className={`h-2.5 w-2.5 shrink-0 rounded-full border-2 border-sky-700 ${checked ? 'bg-sky-700' : ''}`} />
      {label}
    </button>
  );
  const [descWord, ascWord] = DIRECTIONS[key];
  return (
    <>
      <div className="fixed inset-0 z-30" onClick={onClose} />
      <div ref={ref} onKeyDown={onKeyDown} tabIndex={-1} role="menu" aria-label={t('menu')} className="absolute top-full end-0 z-40 mt-1 w-56 rounded-lg border border-slate-200 bg-white py-1 shadow-xl">
        <div role="group" aria-label={t('by')}>
          {SORT_KEYS.map((k) => item(t(k), k === key, `${k}-${descending ? 'desc' : 'asc'}`))}
        </div>
        <div role="separator" className="my-1 border-t border-slate-200" />
        <div role="group" aria-label={t('direction')}>
          {item(t(descWord), descending, `${key}-desc`)}
          {item(t(ascWord), !descending, `${key}-asc`)}
        </div>
      </div>
    </>
  );
}
