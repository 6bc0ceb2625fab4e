/*
 * What installing Wren as an app needs, shared by the manifest (app/manifest.ts), the root
 * layout's meta tags and Settings' "Open mailto: links with Wren" (components/settings/AccountSection.tsx).
 */

/**
 * Title bar and splash colours. Wren's pages are light in both schemes (no dark theme yet), so
 * the background is white in both; the title bar is the accent, darker where the system is dark.
 * The manifest holds one theme_color (light); the dark one is a theme-color meta with a media query.
 */
export const APP_COLORS = {
  light: { theme: '#0369a1', background: '#ffffff' },
  dark: { theme: '#0c4a6e', background: '#ffffff' },
} as const;

/**
 * Where a mailto: link opens Wren, for both the manifest's protocol_handlers (an installed app)
 * and navigator.registerProtocolHandler (a browser tab). The browser puts the whole link,
 * percent-encoded, in place of %s; the composer reads it (mailtoOfUrl in lib/mail-url.ts).
 */
export const MAILTO_HANDLER = '/mail?compose=new&mailto=%s';
