/*
 * The document of a message's sandboxed frame (MailFrame.tsx): the sanitized mail HTML under
 * the frame's own CSP, and its colours. Pure, so it is tested without a browser
 * (frame-document.test.ts).
 */

/**
 * The frame's own CSP, first in its head: nothing loads but inline styles, data: images and
 * Wren's own message parts (cid:); once the user allows, also Wren's image proxy. Remote images
 * never load from anywhere else: the sanitizer points them at the proxy, by path.
 */
export function frameCsp(allowRemoteImages: boolean, origin: string): string {
  const img = `img-src data: ${origin}/api/messages/${allowRemoteImages ? ` ${origin}/api/image-proxy` : ''}`;
  return `default-src 'none'; ${img}; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'`;
}

/**
 * How the mail's colours show in the dark theme: `adapt`, in the theme's colours (mail that sets
 * none of its own: the server says, `ownColors`); `original`, as sent, on a light card (mail that
 * sets its own, or the reader asked for "Show original colours"). The light theme shows both as sent.
 */
export type FrameColors = 'adapt' | 'original';

// The frame runs no script, so it cannot read the page's theme: the page's choice is copied onto
// the frame's <html> (`data-theme`), and without one the frame's own prefers-color-scheme follows
// the same system the page does. The colours are those of the page's dark theme (app/globals.css:
// the surface is --color-white, the text --color-slate-900, links --color-sky-700, all under `dark`).
const DARK_RULES =
  '{color-scheme:dark}' +
  'X[data-colors=adapt] body{background:#0f141d;color:#eaeff5}' +
  'X[data-colors=adapt] a{color:#60c1ee}' +
  'X[data-colors=original] body{background:#fff;color:#0f172a;padding:16px;border-radius:8px;color-scheme:light}';

const darkCss = (scope: string) => scope + DARK_RULES.replace(/X/g, scope);

export const FRAME_CSS =
  'html{color-scheme:light}' +
  'body{margin:0;font-family:system-ui,sans-serif;font-size:14px;line-height:1.5;color:#0f172a;overflow-wrap:anywhere}' +
  'img{max-width:100%;height:auto}' +
  darkCss('html[data-theme=dark]') +
  `@media (prefers-color-scheme:dark){${darkCss('html:not([data-theme=light])')}}`;

/** The page's own choice of theme (lib/theme.ts), or null where it follows the system. */
export function pageTheme(): 'light' | 'dark' | null {
  if (typeof document === 'undefined') return null;
  const theme = document.documentElement.getAttribute('data-theme');
  return theme === 'light' || theme === 'dark' ? theme : null;
}

export function buildSrcDoc(html: string, allowRemoteImages: boolean, origin: string, colors: FrameColors = 'adapt', theme: 'light' | 'dark' | null = null): string {
  return (
    `<!doctype html><html data-colors="${colors}"${theme ? ` data-theme="${theme}"` : ''}><head>` +
    `<meta http-equiv="Content-Security-Policy" content="${frameCsp(allowRemoteImages, origin)}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<meta http-equiv="x-dns-prefetch-control" content="off">' +
    '<meta charset="utf-8">' +
    `<style>${FRAME_CSS}</style>` +
    `</head><body>${html}</body></html>`
  );
}
