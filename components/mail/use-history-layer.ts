'use client';

import { useEffect, useRef } from 'react';

/**
 * A layer over the view (selection mode, a sheet) that the browser's Back closes. When `active`
 * turns true, one history entry is pushed, same URL, its state marked `wrenLayer`; a popstate
 * that leaves that entry calls `onPop`. When the UI closes the layer instead (`active` turns
 * false), the entry is taken off again with history.back(), so Back is not spent on nothing.
 * The state keeps Next's own fields (history.state is spread), so the router restores the same page.
 */
export function useHistoryLayer(active: boolean, onPop: () => void) {
  const onPopRef = useRef(onPop);
  useEffect(() => {
    onPopRef.current = onPop;
  }, [onPop]);

  useEffect(() => {
    if (!active) return;
    const layer = Math.random().toString(36).slice(2);
    history.pushState({ ...history.state, wrenLayer: layer }, '');
    let popped = false;
    const onPopState = () => {
      if (history.state?.wrenLayer === layer) return;
      popped = true;
      onPopRef.current();
    };
    addEventListener('popstate', onPopState);
    return () => {
      removeEventListener('popstate', onPopState);
      if (!popped && history.state?.wrenLayer === layer) history.back();
    };
  }, [active]);
}
