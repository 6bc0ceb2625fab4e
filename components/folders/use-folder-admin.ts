'use client';

import { useEffect, useMemo, useRef } from 'react';
import { clientWords } from '@/lib/api-client';
import type { FolderDto } from '@/lib/types';
import type { Toast } from '../mail/Toasts';
import { lazyModule } from '../ui/use-lazy-module';

export interface FolderAdminDeps {
  showToast: (toast: Omit<Toast, 'id'>) => void;
  refreshFolders: () => void;
  onDeleted: (path: string) => void;
}

// What the folder menus do is fetched when one is first used (folder-admin-actions.ts).
const adminActions = lazyModule(() => import('./folder-admin-actions'));

/** Folder management for the folder pane and its menus: create, rename, delete, subscribe. */
export function useFolderAdmin(deps: FolderAdminDeps) {
  const latest = useRef(deps);
  useEffect(() => {
    latest.current = deps;
  });
  return useMemo(() => {
    const run = (act: (m: typeof import('./folder-admin-actions')) => void) =>
      void adminActions.load().then(act, () => latest.current.showToast({ kind: 'error', text: clientWords.network }));
    return {
      create: (parent: FolderDto | null) => run((m) => m.create(latest.current, parent)),
      rename: (folder: FolderDto) => run((m) => m.rename(latest.current, folder)),
      remove: (folder: FolderDto) => run((m) => m.remove(latest.current, folder)),
      setSubscribed: (folder: FolderDto, subscribed: boolean) => run((m) => m.setSubscribed(latest.current, folder, subscribed)),
    };
  }, []);
}

export type FolderAdmin = ReturnType<typeof useFolderAdmin>;
