'use client';

import { useState } from 'react';
import type { FolderDto } from '@/lib/types';
import type { FolderAdmin } from './use-folder-admin';

/** The "⋯" menu of one folder. Special-use folders (and Inbox) offer only a new subfolder. */
export function FolderMenu({ folder, admin }: { folder: FolderDto; admin: FolderAdmin }) {
  const [open, setOpen] = useState(false);
  const item = 'block w-full px-3 py-1 text-left text-sm hover:bg-sky-50';
  const act = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };
  return (
    <div className="relative" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        aria-label={`Folder actions for ${folder.name}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded px-1.5 text-slate-400 hover:bg-slate-200 hover:text-slate-700"
      >
        ⋯
      </button>
      {open && (
        <div role="menu" aria-label={`${folder.name} actions`} className="absolute top-full right-0 z-30 w-44 rounded border border-slate-200 bg-white py-1 shadow-lg">
          <button type="button" role="menuitem" className={item} onClick={act(() => admin.create(folder))}>
            New subfolder…
          </button>
          {!folder.role && (
            <>
              <button type="button" role="menuitem" className={item} onClick={act(() => admin.rename(folder))}>
                Rename…
              </button>
              <button type="button" role="menuitem" className={`${item} text-red-700`} onClick={act(() => admin.remove(folder))}>
                Delete…
              </button>
              <button type="button" role="menuitem" className={item} onClick={act(() => admin.setSubscribed(folder, !folder.subscribed))}>
                {folder.subscribed ? 'Unsubscribe' : 'Subscribe'}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
