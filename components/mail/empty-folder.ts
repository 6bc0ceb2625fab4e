import { apiRequest } from '@/lib/api-client';
import type { MessagePages } from '../list/use-message-pages';
import type { Toast } from './Toasts';
import type { Target } from './use-mail-actions';

const plural = (n: number) => `${n} message${n === 1 ? '' : 's'}`;

/**
 * Empties the folder shown (Trash or Junk) for good, once the user agrees: the rows go at once,
 * the server deletes. Fetched when first used (use-mail-actions.ts), out of the mail view's first
 * download.
 */
export async function emptyFolder(deps: {
  folder: string;
  total: number;
  name: string;
  onRemoved: (target: Target) => void;
  pages: MessagePages;
  showToast: (toast: Omit<Toast, 'id'>) => void;
  refreshFolders: () => void;
  fail: (error: unknown) => void;
}) {
  const { folder, total, name, pages } = deps;
  if (!window.confirm(`Permanently delete all ${plural(total)} in ${name}?`)) return;
  deps.onRemoved({ ids: [], all: true });
  pages.removeMessages(new Set(), true);
  try {
    const result = await apiRequest<{ count: number }>('/api/folders/empty', { method: 'POST', body: { folder } });
    deps.showToast({ kind: 'info', text: `${plural(result.count)} deleted permanently` });
    deps.refreshFolders();
  } catch (error) {
    deps.fail(error);
  }
}
