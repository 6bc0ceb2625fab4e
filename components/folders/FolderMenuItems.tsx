'use client';

import type { FolderDto } from '@/lib/types';
import type { FolderAdmin } from './use-folder-admin';

/** The items of a folder's "⋯" menu, fetched when a menu first opens. Special-use folders (and Inbox) offer only a new subfolder. */
export function FolderMenuItems({ folder, admin, close }: { folder: FolderDto; admin: FolderAdmin; close: () => void }) {
  const item = 'block w-full px-3 py-1 text-left text-sm hover:bg-sky-50';
  const act = (fn: () => void) => () => {
    close();
    fn();
  };
  return (
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
  );
}
