'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import { ActionIcon } from './action-icons';
import { useMenu } from './menu-keys';

export interface MenuItem {
  label: string;
  run: () => void;
  /** A choice of several (a setting): shown as a radio item, ticked when true. */
  checked?: boolean;
}

/** A square target of the touch bars: 48 px, an icon, its name for assistive technology. */
export const ICON_BUTTON = 'flex h-12 w-12 shrink-0 items-center justify-center rounded-full text-slate-700 hover:bg-slate-100 disabled:opacity-40';

/** The overflow menu ("More") of the touch bars. */
export function MoreMenu({ items, label: given }: { items: MenuItem[]; label?: string }) {
  const t = useTranslations('mail');
  const label = given ?? t('more');
  const [open, setOpen] = useState(false);
  return (
    <div className="relative">
      <button type="button" aria-label={label} aria-haspopup="menu" aria-expanded={open} className={ICON_BUTTON} onClick={() => setOpen(!open)}>
        <ActionIcon name="more" />
      </button>
      {open && <MenuList items={items} label={label} close={() => setOpen(false)} />}
    </div>
  );
}

function MenuList({ items, label, close }: { items: MenuItem[]; label: string; close: () => void }) {
  const { ref: menuRef, onKeyDown: onMenuKey } = useMenu<HTMLUListElement>(close);
  return (
        <>
          <div className="fixed inset-0 z-30" onClick={close} />
          <ul ref={menuRef} onKeyDown={onMenuKey} tabIndex={-1} role="menu" aria-label={label} className="absolute top-full end-0 z-40 mt-1 max-h-[70dvh] w-64 overflow-y-auto rounded-xl border border-slate-200 bg-white py-1 shadow-xl">
            {items.map((item) => (
              <li key={item.label} role="none">
                <button
                  type="button"
                  role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
                  aria-checked={item.checked}
                  className="flex min-h-12 w-full items-center gap-3 px-4 text-left text-base hover:bg-slate-100"
                  onClick={() => {
                    close();
                    item.run();
                  }}
                >
                  {item.checked !== undefined && <span className={`h-3 w-3 shrink-0 rounded-full border-2 border-sky-700 ${item.checked ? 'bg-sky-700' : ''}`} />}
                  {item.label}
                </button>
              </li>
            ))}
          </ul>
        </>
  );
}
