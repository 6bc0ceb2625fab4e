'use client';

import { useSyncExternalStore } from 'react';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';

// Gestures, the selection bar and the phone's message bars: fetched only on a phone-sized
// screen or a touch screen, so a desktop's first download does without (the 150 KB budget).
const touchUi = lazyModule(() => import('./touch-ui'));

function useMedia(query: string) {
  return useSyncExternalStore(
    (onChange) => {
      const list = matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => matchMedia(query).matches,
    () => false,
  );
}

/** `phone`: the screen is under 768 px wide; `ui`: the touch module, once it is here. */
export function useTouchUi() {
  const phone = useMedia('(max-width: 767px)');
  return { phone, ui: useLazyModule(touchUi, useMedia('(pointer: coarse)') || phone) };
}
