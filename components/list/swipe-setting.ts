import { apiRequest } from '@/lib/api-client';
import type { SettingsDto } from '@/lib/types';

/** Which action a row swiped to the left takes; swiping to the right takes the other one. */
export type SwipeAction = 'archive' | 'delete';

/*
 * The swipe side is a setting that follows the user (ui.swipeLeft). The mail page renders it as
 * `data-swipe` on the element around the mail view (app/mail/[[...path]]/page.tsx), so neither
 * the mail view's first download nor a request carries it; this module, part of the lazily
 * loaded touch UI, reads it there and writes it back there and to the settings.
 */

const holder = () => document.querySelector<HTMLElement>('[data-swipe]');

// Where an earlier version kept it: in one browser only.
const LEGACY_KEY = 'wren.swipeLeft';

export function swipeLeftAction(): SwipeAction {
  return holder()?.dataset.swipe === 'delete' ? 'delete' : 'archive';
}

/** Saves `change` into the settings: read whole, changed, written whole (PUT replaces them). */
async function saveUi(change: (ui: SettingsDto['settings']['ui']) => SettingsDto['settings']['ui']) {
  const { settings } = await apiRequest<SettingsDto>('/api/settings');
  await apiRequest('/api/settings', { method: 'PUT', body: { ...settings, ui: change(settings.ui) } });
}

/** Chooses the side at once on this page, and for every device (the save may fail: this page keeps it). */
export function setSwipeLeftAction(action: SwipeAction): Promise<void> {
  const el = holder();
  if (el) el.dataset.swipe = action;
  return saveUi((ui) => ({ ...ui, swipeLeft: action })).catch(() => undefined);
}

/**
 * "Delete" chosen in this browser by an earlier version, while the settings still have the
 * default, moves into the settings once.
 */
export function moveLegacySwipeSetting() {
  try {
    const kept = localStorage.getItem(LEGACY_KEY);
    if (kept === null) return;
    localStorage.removeItem(LEGACY_KEY);
    if (kept === 'delete' && swipeLeftAction() === 'archive') void setSwipeLeftAction('delete');
  } catch {
    // No storage (some private modes): nothing was kept.
  }
}
