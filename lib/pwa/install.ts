/*
 * What installing Wren as an app needs, shared by the manifest (app/manifest.ts), the root
 * layout's meta tags and Settings' "Open mailto: links with Wren" (components/settings/AccountSection.tsx).
 */

/**
 * Title bar and splash colours: the title bar is the accent, darker in the dark theme; the
 * background is the page's (white, or the dark theme's surface: `--color-white` under `dark` in
 * app/globals.css). The manifest holds one theme_color and background (light); the title bar's
 * dark colour is a theme-color meta (app/layout.tsx: by media query, or the user's choice).
 */
export const APP_COLORS = {
  light: { theme: '#0369a1', background: '#ffffff' },
  dark: { theme: '#0c4a6e', background: '#0f141d' },
} as const;

/**
 * Where a mailto: link opens Wren, for both the manifest's protocol_handlers (an installed app)
 * and navigator.registerProtocolHandler (a browser tab). The browser puts the whole link,
 * percent-encoded, in place of %s; the composer reads it (mailtoOfUrl in lib/mail-url.ts).
 */
export const MAILTO_HANDLER = '/mail?compose=new&mailto=%s';
