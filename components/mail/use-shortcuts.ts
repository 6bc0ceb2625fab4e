'use client';

import { useEffect, useLayoutEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import type { ShortcutDeps } from './shortcut-table';
import { lazyModule } from '../ui/use-lazy-module';

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True while the user is typing: shortcuts never fire in a field (a ticked checkbox is no field). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !NON_TEXT_INPUTS.has(((el as HTMLInputElement).type || 'text').toLowerCase());
}

/** Keys pressed in the composer (on its buttons too) or in a modal dialog are theirs. */
function inComposer(target: EventTarget | null): boolean {
  return Boolean((target as Element | null)?.closest?.('[data-composer],dialog'));
}

/** The keys of shortcut-table.ts (besides Enter and Escape): known before it is here, so each is claimed at once. */
export const SHORTCUT_KEYS = 'jkouxe#!sIUvcrafz?/';

const table = lazyModule(() => import('./shortcut-table'));
// Fetched when the pointer first comes onto the page (before a click opens a message, so the j
// after it does not wait for the fetch: #22) or on the first key.
const preload = () => void table.load().catch(() => undefined);
if (typeof window !== 'undefined') for (const type of ['pointerover', 'keydown']) addEventListener(type, preload, { once: true, capture: true });

/** Gmail-style single-key shortcuts (shortcut-table.ts, fetched on the pointer's first move over the page or the first key), acting on `deps`. */
export function useShortcuts(deps: ShortcutDeps) {
  const ref = useRef(deps);
  // Updated in the commit itself: keys pressed before the table arrived run one after another,
  // each rendered (flushSync) before the next reads the state (j j moves two rows).
  useLayoutEffect(() => {
    ref.current = deps;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || inComposer(event.target)) return;
      // Enter on a control is the control's (a row's link opens its message by itself).
      if (event.key === 'Enter' && (event.target as Element).closest?.('a,button')) return;
      const { key } = event;
      if (!(key === 'Enter' || key === 'Escape' || (key.length === 1 && SHORTCUT_KEYS.includes(key)))) return;
      event.preventDefault();
      void table.load().then((m) => flushSync(() => m.shortcutTable(ref.current)[key]?.()), () => undefined);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}
