'use client';

import { useEffect, useRef } from 'react';

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

/** Gmail-style single-key shortcuts; `handlers` is keyed by KeyboardEvent.key. */
export function useShortcuts(handlers: Record<string, () => void>) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  }, [handlers]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || inComposer(event.target)) return;
      // Enter on a control is the control's (a row's link opens its message by itself).
      if (event.key === 'Enter' && (event.target as Element).closest?.('a,button')) return;
      const handler = ref.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
