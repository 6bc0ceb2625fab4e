import { translator } from '@/lib/i18n/client';
import { apiRequest } from '@/lib/api-client';
import type { MessagePages } from '../list/use-message-pages';
import type { Toast } from './Toasts';
import type { Target } from './use-mail-actions';


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
  const t = translator('mail.toasts');
  if (!window.confirm(t('emptyConfirm', { n: total, folder: name }))) return;
  deps.onRemoved({ ids: [], all: true });
  pages.removeMessages(new Set(), true);
  try {
    const result = await apiRequest<{ count: number }>('/api/folders/empty', { method: 'POST', body: { folder } });
    deps.showToast({ kind: 'info', text: t('emptied', { n: result.count }) });
    deps.refreshFolders();
  } catch (error) {
    deps.fail(error);
  }
}
