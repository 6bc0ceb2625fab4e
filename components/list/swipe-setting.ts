/** Which action a row swiped to the left takes; swiping to the right takes the other one. */
export type SwipeAction = 'archive' | 'delete';

// Kept in this browser only, for now (no server-side settings yet).
const KEY = 'wren.swipeLeft';

export function swipeLeftAction(): SwipeAction {
  try {
    return localStorage.getItem(KEY) === 'delete' ? 'delete' : 'archive';
  } catch {
    return 'archive';
  }
}

export function setSwipeLeftAction(action: SwipeAction) {
  try {
    localStorage.setItem(KEY, action);
  } catch {
    // No storage (some private modes): the default stays.
  }
}
