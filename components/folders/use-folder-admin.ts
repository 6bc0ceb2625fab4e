'use client';

import { useCallback } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import type { FolderDto } from '@/lib/types';
import type { Toast } from '../mail/Toasts';

interface Deps {
  showToast: (toast: Omit<Toast, 'id'>) => void;
  refreshFolders: () => void;
  onDeleted: (path: string) => void;
}

/**
 * Folder management: create, rename, delete (warning with the message count), subscribe.
 * The server refuses special-use folders and bad names; its message is shown as it is.
 */
export function useFolderAdmin({ showToast, refreshFolders, onDeleted }: Deps) {
  const attempt = useCallback(
    async (work: () => Promise<unknown>, done: string) => {
      try {
        await work();
        showToast({ kind: 'info', text: done });
      } catch (error) {
        showToast({ kind: 'error', text: error instanceof ApiError ? error.message : 'The folder could not be changed' });
      } finally {
        refreshFolders();
      }
    },
    [showToast, refreshFolders],
  );

  const create = useCallback(
    (parent: FolderDto | null) => {
      const name = window.prompt(parent ? `New folder inside ${parent.name}` : 'New folder name');
      if (name === null) return;
      void attempt(() => apiRequest('/api/folders', { method: 'POST', body: { parent: parent?.path ?? null, name } }), `Folder "${name.trim()}" created`);
    },
    [attempt],
  );

  const rename = useCallback(
    (folder: FolderDto) => {
      const name = window.prompt(`Rename "${folder.name}" to`, folder.name);
      if (name === null || name === folder.name) return;
      void attempt(() => apiRequest('/api/folders', { method: 'PATCH', body: { path: folder.path, name } }), `Renamed to "${name.trim()}"`);
    },
    [attempt],
  );

  const remove = useCallback(
    (folder: FolderDto) => {
      const count = folder.total ?? 0;
      const warning = `Delete the folder "${folder.name}"? It holds ${count} message${count === 1 ? '' : 's'}, which will be deleted with it.`;
      if (!window.confirm(warning)) return;
      void attempt(async () => {
        await apiRequest(`/api/folders?path=${encodeURIComponent(folder.path)}`, { method: 'DELETE' });
        onDeleted(folder.path);
      }, `Folder "${folder.name}" deleted`);
    },
    [attempt, onDeleted],
  );

  const setSubscribed = useCallback(
    (folder: FolderDto, subscribed: boolean) =>
      void attempt(
        () => apiRequest('/api/folders/subscription', { method: 'POST', body: { path: folder.path, subscribed } }),
        subscribed ? `Subscribed to "${folder.name}"` : `Unsubscribed from "${folder.name}"`,
      ),
    [attempt],
  );

  return { create, rename, remove, setSubscribed };
}

export type FolderAdmin = ReturnType<typeof useFolderAdmin>;
