/*
 * Windowing for a list whose rows all have one height (the message list): which rows to
 * render, and where to scroll to bring one into view. Pure, so it is tested without a browser;
 * components/list/use-row-window.ts feeds it the scroll element's position.
 */

export interface RowGeometry {
  count: number;
  rowHeight: number;
  /** The scroll element's scrollTop and clientHeight. */
  scrollTop: number;
  viewHeight: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

const maxScrollTop = ({ count, rowHeight, viewHeight }: RowGeometry) => Math.max(count * rowHeight - viewHeight, 0);

/** The rows in view (partly counts), or null before the view has a size or when there are none. */
export function visibleRows(g: RowGeometry): { first: number; last: number } | null {
  if (g.count === 0 || g.viewHeight <= 0) return null;
  const top = clamp(g.scrollTop, 0, maxScrollTop(g));
  const first = Math.min(Math.floor(top / g.rowHeight), g.count - 1);
  // The last row whose bottom reaches the view's bottom edge (or the list's last row).
  const last = clamp(Math.ceil((top + g.viewHeight) / g.rowHeight) - 1, first, g.count - 1);
  return { first, last };
}

/** The rows to render: those in view and `overscan` more on each side; null renders none. */
export function rowsToRender(g: RowGeometry, overscan: number): { first: number; last: number } | null {
  const visible = visibleRows(g);
  if (!visible) return null;
  return { first: Math.max(visible.first - overscan, 0), last: Math.min(visible.last + overscan, g.count - 1) };
}

/**
 * The scrollTop that brings row `index` into view by the shortest move: its bottom to the
 * view's bottom when it is below (or reaches) the bottom edge, its top to the view's top when
 * it is above; null when it is already in view (or the view has no size yet).
 */
export function scrollTopToShow(index: number, g: RowGeometry): number | null {
  if (g.count === 0 || g.viewHeight <= 0) return null;
  const row = clamp(index, 0, g.count - 1);
  const start = row * g.rowHeight;
  const end = start + g.rowHeight;
  let target: number;
  if (end >= g.scrollTop + g.viewHeight) target = end - g.viewHeight;
  else if (start <= g.scrollTop) target = start;
  else return null;
  return clamp(target, 0, maxScrollTop(g));
}
