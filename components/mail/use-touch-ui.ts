'use client';

import { useSyncExternalStore } from 'react';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';

// Gestures, the selection bar and the phone's message bars: fetched only on a phone-sized
// screen or a touch screen (or at the first touch), so a desktop's first download does without.
const touchUi = lazyModule(() => import('./touch-ui'));

const PHONE = '(max-width: 767px)';
const subscribePhone = (onChange: () => void) => {
  const query = matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};
let touched = false;
const subscribeTouch = (onChange: () => void) => {
  const onTouch = () => {
    touched = true;
    onChange();
  };
  addEventListener('touchstart', onTouch, { once: true, passive: true });
  return () => removeEventListener('touchstart', onTouch);
};
const no = () => false;

/** `phone`: the screen is under 768 px wide; `ui`: the touch module, once it is here. */
export function useTouchUi() {
  const phone = useSyncExternalStore(subscribePhone, () => matchMedia(PHONE).matches, no);
  const touch = useSyncExternalStore(subscribeTouch, () => touched || matchMedia('(pointer: coarse)').matches, no);
  return { phone, ui: useLazyModule(touchUi, phone || touch) };
}
