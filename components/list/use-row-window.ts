'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { rowsToRender, scrollTopToShow } from '@/lib/row-window';

interface Options {
  count: number;
  /** Every row's height in pixels: the list never measures rows. */
  rowHeight: number;
  /** Rows rendered beyond each edge of the view, so a scroll shows rows, not gaps. */
  overscan: number;
}

interface View {
  scrollTop: number;
  viewHeight: number;
}

/**
 * The view the server renders for, before the element has a size: the rows a tall phone or a
 * laptop shows (with the overscan, 23 rows of 72 px). The first paint is then the server's HTML
 * with its rows, not waiting for the JavaScript (#22: the rows are the page's largest paint);
 * hydration starts from the same state, and the resize observer's first answer, after the
 * browser's first layout of it, sets the real one.
 */
const FIRST_VIEW: View = { scrollTop: 0, viewHeight: 900 };

/**
 * The rows of a long list of equal rows worth rendering, for the scroll element given
 * `scrollerRef`: those in view and some around them.
 */
export function useRowWindow({ count, rowHeight, overscan }: Options) {
  const [view, setView] = useState<View>(FIRST_VIEW);
  const scroller = useRef<HTMLElement | null>(null);

  const scrollerRef = useCallback(
    (node: HTMLElement | null) => {
      if (!node) return;
      scroller.current = node;
      // A new state only when a row edge is crossed: scrolling within a row renders nothing.
      const read = () =>
        setView((prev) => {
          const next = { scrollTop: node.scrollTop, viewHeight: node.clientHeight };
          const rowOf = (v: View) => [Math.floor(v.scrollTop / rowHeight), Math.ceil((v.scrollTop + v.viewHeight) / rowHeight), v.viewHeight > 0];
          return rowOf(prev).join() === rowOf(next).join() ? prev : next;
        });
      // No read here: the ref is set in React's commit, where reading the size lays the page out
      // at once and a new state renders again synchronously, with every effect of the commit
      // flushed before it: the page's first commit became one long task (#22). The observer's
      // first answer, after the browser's own layout, reads the view in a task of its own.
      node.addEventListener('scroll', read, { passive: true });
      const resize = new ResizeObserver(read);
      resize.observe(node);
      return () => {
        node.removeEventListener('scroll', read);
        resize.disconnect();
        if (scroller.current === node) scroller.current = null;
      };
    },
    [rowHeight],
  );

  const range = rowsToRender({ count, rowHeight, ...view }, overscan);
  const first = range?.first ?? -1;
  const last = range?.last ?? -1;
  const items = useMemo(() => {
    const out: { index: number; start: number }[] = [];
    for (let index = Math.max(first, 0); index <= last; index++) out.push({ index, start: index * rowHeight });
    return out;
  }, [first, last, rowHeight]);

  /** Scrolls the least that shows row `index` whole (nothing when it is in view already). */
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = scrollTopToShow(index, { count, rowHeight, scrollTop: el.scrollTop, viewHeight: el.clientHeight });
      if (top !== null && top !== el.scrollTop) el.scrollTo({ top });
    },
    [count, rowHeight],
  );

  return { scrollerRef, scroller, items, totalSize: count * rowHeight, scrollToIndex };
}
