'use client';

import { useSyncExternalStore } from 'react';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';

// Gestures, the selection bar and the phone's message bars: fetched only on a phone-sized
// screen or a touch screen, so a desktop's first download does without (the 150 KB budget).
const touchUi = lazyModule(() => import('./touch-ui'));

// One MediaQueryList per query, kept: React reads the snapshot on every render of the mail view,
// and each matchMedia() parses its query again.
const lists = new Map<string, MediaQueryList>();
const mediaList = (query: string) => lists.get(query) ?? lists.set(query, matchMedia(query)).get(query)!;

// `server`: what the server rendered (its guess, see useTouchUi). Hydration reads it; when the
// browser then answers otherwise React renders the whole mail view again, synchronously.
function useMedia(query: string, server: boolean) {
  return useSyncExternalStore(
    (onChange) => {
      const list = mediaList(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => mediaList(query).matches,
    () => server,
  );
}

/**
 * `phone`: the screen is under 768 px wide; `ui`: the touch module, once it is here. `mobile`:
 * the server's guess from the request (Sec-CH-UA-Mobile, app/mail's page), so that a phone's
 * hydration matches and is not followed by a blocking render of the whole view (#22).
 */
export function useTouchUi(mobile?: boolean) {
  const phone = useMedia('(max-width: 767px)', !!mobile);
  // Fetched once the page is idle: a phone's first paint and hydration do without it.
  return { phone, ui: useLazyModule(touchUi, useMedia('(pointer: coarse)', !!mobile) || phone, { idle: true }) };
}
