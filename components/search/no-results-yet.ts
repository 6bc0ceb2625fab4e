import type { AllFolderResults } from './use-all-folder-search';

/** What the list shows while the search's code is on its way: a search under way, no rows yet. */
export const NO_RESULTS_YET: AllFolderResults = {
  total: null,
  error: null,
  running: true,
  hasMore: false,
  showMore: () => undefined,
  ensureRange: () => undefined,
  messageAt: () => undefined,
  loadedMessages: () => [],
  updateMessages: () => undefined,
  resultSet: null,
  updateMessage: () => undefined,
  removeMessages: () => undefined,
  refresh: () => undefined,
  retry: () => undefined,
};
