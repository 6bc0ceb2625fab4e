import 'server-only';
import { DEFAULT_SORT, MAX_FOLDER_SORTS, type SortOrder } from '@/lib/sort';
import type { Session } from '../session/session';
import { readSettings, saveSettings } from './settings';

/**
 * Keeps one folder's list order in the user's settings (`ui.folderSort`, on the mail server with
 * METADATA like every setting), read and written whole on the server so the browser need not
 * hold the settings. The default order is not stored; past MAX_FOLDER_SORTS folders, the ones
 * chosen longest ago are forgotten (they list by arrival again).
 */
export async function saveFolderSort(session: Session, folder: string, sort: SortOrder): Promise<{ folder: string; sort: SortOrder }> {
  const settings = await readSettings(session);
  const sorts = { ...settings.ui.folderSort };
  // Re-adding moves the folder to the end: the object's order is the order of choosing.
  delete sorts[folder];
  if (sort !== DEFAULT_SORT) sorts[folder] = sort;
  const kept = Object.fromEntries(Object.entries(sorts).slice(-MAX_FOLDER_SORTS));
  await saveSettings(session, { ...settings, ui: { ...settings.ui, folderSort: kept } });
  return { folder, sort };
}
