/*
 * Light or dark (issue #20). The colours are CSS only (app/globals.css: Tailwind's colour
 * variables redefined under the `dark` variant); what picks the theme is the `data-theme`
 * attribute of <html>: `light` or `dark` as the user chose, anything else (or none) follows the
 * system through `prefers-color-scheme`.
 *
 * The mail and settings pages have the user's settings when rendered on the server, so the root
 * layout renders the attribute itself (app/layout.tsx): the first paint has the right colours.
 * Pages rendered without them are the sign-in page (signed out: the system's theme) and the
 * offline shell (fetched by the service worker without cookies): the latter uses the browser's
 * copy of the last choice, kept in localStorage by the inline script below. The cookie never
 * holds it (it holds the session's id and key only).
 */

export type ThemeChoice = 'system' | 'light' | 'dark';

/** The localStorage key of the last choice this browser saw (a copy: the setting lives on the server). */
export const THEME_KEY = 'wren-theme';

/**
 * Runs inline in <head> before anything is painted (app/layout.tsx, with the page's nonce). A
 * page that came with the user's theme keeps a copy; the sign-in page forgets it (signed out,
 * nobody's choice applies); any other page without one (the offline shell, or a settings read
 * that failed) takes the copy. Put in the page with Function.prototype.toString: self-contained.
 */
export function bootTheme(key: string) {
  try {
    const root = document.documentElement;
    const theme = root.getAttribute('data-theme');
    if (theme) localStorage.setItem(key, theme);
    else if (location.pathname === '/login') localStorage.removeItem(key);
    else {
      const kept = localStorage.getItem(key);
      if (kept === 'light' || kept === 'dark') root.setAttribute('data-theme', kept);
    }
  } catch {
    // No storage (a locked-down browser): the page follows the system until the server says.
  }
}

/** The inline script for the root layout's <head>. */
export function themeScript(): string {
  return `(${bootTheme.toString()})(${JSON.stringify(THEME_KEY)});`;
}

/** A choice just saved (Settings > General) applies at once, without a reload, and is kept as the copy. */
export function applyTheme(theme: ThemeChoice) {
  document.documentElement.setAttribute('data-theme', theme);
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // As above: only the copy is lost.
  }
}
