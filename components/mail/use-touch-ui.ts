'use client';

import { useSyncExternalStore } from 'react';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';

// Gestures, the selection bar and the phone's message bars: fetched only on a phone-sized
// screen or a touch screen, so a desktop's first download does without (the 150 KB budget).
const touchUi = lazyModule(() => import('./touch-ui'));

// `server`: what the server rendered (its guess, see useTouchUi). Hydration reads it; when the
// browser then answers otherwise React renders the whole mail view again, synchronously.
function useMedia(query: string, server: boolean) {
  return useSyncExternalStore(
    (onChange) => {
      const list = matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => matchMedia(query).matches,
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
  return { phone, ui: useLazyModule(touchUi, useMedia('(pointer: coarse)', !!mobile) || phone) };
}
