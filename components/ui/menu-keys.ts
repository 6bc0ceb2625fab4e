'use client';

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useFocusReturn } from './use-focus-return';

/*
 * The keys of a menu (WAI-ARIA menu pattern) for the menus fetched on first use (a folder's
 * "⋯", Filter…, More, the Move picker's list): focus on the first item when it opens, Up and
 * Down (wrapping), Home and End, type-ahead (the next item starting with what was typed),
 * Escape closes; focus goes back to what opened the menu when it closes with focus inside.
 */

const ITEMS = '[role^="menuitem"]:not(:disabled),[data-menu-item]:not(:disabled)';

/** The menu's element takes `ref`, `onKeyDown` and tabIndex={-1}. */
export function useMenu<T extends HTMLElement>(onClose: () => void, { focusFirst = true } = {}) {
  const ref = useRef<T>(null);
  const typed = useRef({ text: '', at: 0 });
  const focused = useRef(!focusFirst);
  useFocusReturn(ref);
  // Items may arrive after the menu opens (Filter… asks the server first); until then, or in a
  // menu with none (another user's folder: only what may be done), the menu itself has focus.
  useEffect(() => {
    const menu = ref.current;
    if (focused.current || !menu) return;
    const first = menu.querySelector<HTMLElement>(ITEMS);
    if (first) {
      focused.current = true;
      first.focus();
    } else if (!menu.contains(document.activeElement)) menu.focus();
  });

  function onKeyDown(e: KeyboardEvent) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') next = items[(at + 1) % items.length];
    else if (e.key === 'ArrowUp') next = items[(at - 1 + items.length) % items.length];
    else if (e.key === 'Home') next = items[0];
    else if (e.key === 'End') next = items[items.length - 1];
    else if (e.key.length === 1 && at >= 0) {
      const now = Date.now();
      typed.current = { text: (now - typed.current.at < 700 ? typed.current.text : '') + e.key.toLowerCase(), at: now };
      const text = typed.current.text;
      const start = text.length > 1 ? at : at + 1;
      const order = [...items.slice(start), ...items.slice(0, start)];
      next = order.find((i) => i.textContent!.trim().toLowerCase().startsWith(text));
    } else return;
    e.preventDefault();
    next?.focus();
  }
  return { ref, onKeyDown };
}
