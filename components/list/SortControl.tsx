'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import type { SortOrder } from '@/lib/sort';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';

// The menu, its words' choice and the save are fetched on first open: the mail view's first
// download holds only this button.
const sortMenu = lazyModule(() => import('./SortMenu'));

interface Props {
  folder: string;
  sort: SortOrder;
  /** The order was chosen: shown at once; the menu saves it into the settings. */
  onChoose: (sort: SortOrder) => void;
  onSaveFailed: (message: string) => void;
}

/** "Sort" in the list's header, offered only where the server sorts (SORT). */
export function SortControl({ folder, sort, onChoose, onSaveFailed }: Props) {
  const t = useTranslations('mail.sort');
  const [open, setOpen] = useState(false);
  const menu = useLazyModule(sortMenu, open);
  return (
    <span className="relative">
      <button type="button" aria-haspopup="menu" aria-expanded={open} className="rounded px-2 py-1 text-sm text-sky-800 hover:bg-slate-100" onClick={() => setOpen(!open)}>
        {t('button')}
      </button>
      {open && menu && <menu.SortMenu folder={folder} sort={sort} onChoose={onChoose} onSaveFailed={onSaveFailed} onClose={() => setOpen(false)} />}
    </span>
  );
}
