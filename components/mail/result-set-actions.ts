import { translator } from '@/lib/i18n/client';
import { apiRequest } from '@/lib/api-client';
import type { ResultSetAction, Selection } from '@/lib/schemas';
import type { SearchResultSet } from '@/lib/types';
import type { MessagePages } from '../list/use-message-pages';
import type { Toast } from './Toasts';
import type { ResultSetActionResult, Target } from './use-mail-actions';

/** What an action on a search's whole result set needs of the mail view (use-mail-actions.ts). */
export interface ResultSetDeps {
  onRemoved: (target: Target) => void;
  pages: MessagePages;
  showToast: (toast: Omit<Toast, 'id'>) => void;
  undoMove: (undos: Array<{ undo: Selection; backTo: string }>) => Promise<void>;
  nameOf: (path: string) => string;
  refreshFolders: () => void;
  fail: (error: unknown) => void;
}


/**
 * Every result of a search in one request naming its pinned result set and the count the user
 * was shown; Undo moves each folder's share back. Rows leave the list at once when `removes`.
 * Fetched when first used, out of the mail view's first download.
 */
export async function actOnResults(
  deps: ResultSetDeps,
  target: Target & { results: SearchResultSet },
  done: string | null,
  action: ResultSetAction,
  removes: boolean,
  instead?: (error: unknown) => ResultSetAction | null,
): Promise<ResultSetActionResult | null> {
  const { onRemoved, pages, showToast, undoMove, nameOf, refreshFolders, fail } = deps;
  const { token, count } = target.results;
  if (removes) {
    onRemoved(target);
    pages.removeMessages(new Set(pages.loadedMessages().map((m) => m.id)), true);
  }
  const send = (body: ResultSetAction) =>
    apiRequest<ResultSetActionResult>('/api/search/results/action', { method: 'POST', body: { resultSet: token, count, action: body } });
  try {
    const result = await send(action).catch((error: unknown) => {
      const next = instead?.(error);
      if (!next) throw error;
      return send(next);
    });
    if (done) {
      showToast({
        kind: 'info',
        text: translator('mail.toasts')('countDone', { n: result.count, done }),
        undo: result.undo.length ? () => void undoMove(result.undo) : undefined,
      });
    }
    if (result.failed.length) {
      showToast({ kind: 'error', text: translator('mail.toasts')('notDoneIn', { where: result.failed.map((f) => `${nameOf(f.folder)} (${f.message})`).join(', ') }) });
    }
    // Results left where they were (already in the Archive, failed) come back into the list.
    if (removes && result.count < count) pages.refresh();
    refreshFolders();
    return result;
  } catch (error) {
    fail(error);
    return null;
  }
}
