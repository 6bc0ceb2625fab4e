'use client';

import { useEffect } from 'react';

/**
 * Focus goes back to what had it when the component appeared (the button that opened a menu,
 * the row a reply was started from), once the component goes away with focus inside it (or
 * lost with it): never taken from where the user has since moved it. Menus, dialogs, the
 * composer.
 */
export function useFocusReturn(inside: { current: HTMLElement | null }) {
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const element = inside.current;
    return () => {
      const active = document.activeElement;
      if (opener?.isConnected && (!active || active === document.body || element?.contains(active))) opener.focus();
    };
  }, [inside]);
}
