import type { MetadataRoute } from 'next';
import { APP_COLORS, MAILTO_HANDLER } from '@/lib/pwa/install';

// GET /manifest.webmanifest – what installing Wren needs (Next links it from every page). The
// icons come from scripts/make-icons.mjs; theme_color holds the light colour, the dark one is a
// theme-color meta with a media query (app/layout.tsx): a manifest has room for one.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/mail',
    name: 'Wren Mail',
    short_name: 'Wren',
    description: 'Fast, safe webmail for your IMAP server',
    start_url: '/mail',
    scope: '/',
    display: 'standalone',
    theme_color: APP_COLORS.light.theme,
    background_color: APP_COLORS.light.background,
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    // An installed Wren opens mailto: links (Chromium asks the user once).
    protocol_handlers: [{ protocol: 'mailto', url: MAILTO_HANDLER }],
  };
}
