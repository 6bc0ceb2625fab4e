import { ApiError, apiRequest } from '@/lib/api-client';
import type { FolderDto } from '@/lib/types';
import { askDialog } from '../ui/ask-dialog';
import type { FolderAdminDeps } from './use-folder-admin';

/*
 * Folder management: create, rename, delete (warning with the message count), subscribe. The
 * server refuses special-use folders and bad names; its message is shown as it is. Fetched when
 * first used (use-folder-admin.ts).
 */

async function attempt({ showToast, refreshFolders }: FolderAdminDeps, work: () => Promise<unknown>, done: string) {
  try {
    await work();
    showToast({ kind: 'info', text: done });
  } catch (error) {
    showToast({ kind: 'error', text: error instanceof ApiError ? error.message : 'The folder could not be changed' });
  } finally {
    refreshFolders();
  }
}

export async function create(deps: FolderAdminDeps, parent: FolderDto | null) {
  const name = await askDialog({ title: parent ? `New folder inside ${parent.name}` : 'New folder', label: 'Folder name', confirm: 'Create' });
  if (name === null) return;
  void attempt(deps, () => apiRequest('/api/folders', { method: 'POST', body: { parent: parent?.path ?? null, name } }), `Folder "${name.trim()}" created`);
}

export async function rename(deps: FolderAdminDeps, folder: FolderDto) {
  const name = await askDialog({ title: `Rename "${folder.name}"`, label: 'New name', value: folder.name, confirm: 'Rename' });
  if (name === null || name === folder.name) return;
  void attempt(deps, () => apiRequest('/api/folders', { method: 'PATCH', body: { path: folder.path, name } }), `Renamed to "${name.trim()}"`);
}

export async function remove(deps: FolderAdminDeps, folder: FolderDto) {
  const count = folder.total ?? 0;
  const warning = `It holds ${count} message${count === 1 ? '' : 's'}, which will be deleted with it.`;
  if (!(await askDialog({ title: `Delete the folder "${folder.name}"?`, message: warning, confirm: 'Delete' }))) return;
  void attempt(deps, async () => {
    await apiRequest(`/api/folders?path=${encodeURIComponent(folder.path)}`, { method: 'DELETE' });
    deps.onDeleted(folder.path);
  }, `Folder "${folder.name}" deleted`);
}

export function setSubscribed(deps: FolderAdminDeps, folder: FolderDto, subscribed: boolean) {
  void attempt(
    deps,
    () => apiRequest('/api/folders/subscription', { method: 'POST', body: { path: folder.path, subscribed } }),
    subscribed ? `Subscribed to "${folder.name}"` : `Unsubscribed from "${folder.name}"`,
  );
}
