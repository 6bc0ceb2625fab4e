'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import type { FolderDto } from '@/lib/types';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';
import type { FolderAdmin } from './use-folder-admin';

// The menu's items (and the share dialog) are fetched when a menu first opens (or is pointed at).
const menuItems = lazyModule(() => import('./FolderMenuItems'));
const preload = () => void menuItems.load().catch(() => undefined);

/** What is open: nothing, the menu, or its "Share folder…" dialog. */
export type FolderMenuOpen = '' | 'menu' | 'share';

/** The "⋯" menu of one folder. */
export function FolderMenu({ folder, admin, tabbable }: { folder: FolderDto; admin: FolderAdmin; tabbable: boolean }) {
  const t = useTranslations('mail.folders');
  const [open, setOpen] = useState<FolderMenuOpen>('');
  const items = useLazyModule(menuItems, !!open);
  return (
    <div className="relative">
      <button
        type="button"
        tabIndex={tabbable ? 0 : -1}
        aria-label={t('actionsFor', { folder: folder.name })}
        aria-haspopup="menu"
        aria-expanded={open === 'menu'}
        onClick={() => setOpen(open ? '' : 'menu')}
        onPointerEnter={preload}
        onFocus={preload}
        className="rounded px-1.5 text-slate-600 hover:bg-slate-200 hover:text-slate-800"
      >
        ⋯
      </button>
      {open && items && <items.FolderMenuItems folder={folder} admin={admin} open={open} setOpen={setOpen} />}
    </div>
  );
}
