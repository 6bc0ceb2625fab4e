import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { dirOf } from '@/lib/i18n/config';
import { bootScript } from '@/lib/pwa/boot';
import { APP_COLORS } from '@/lib/pwa/install';
import { themeScript } from '@/lib/theme';
import { getRequestTheme } from '@/server/mail/theme';
import './globals.css';

export const metadata: Metadata = {
  title: 'Wren',
  description: 'Fast, safe webmail for your IMAP server',
  applicationName: 'Wren',
  // The manifest (app/manifest.ts) is linked by Next; iOS's Add to Home Screen reads these.
  icons: { icon: { url: '/icons/wren.svg', type: 'image/svg+xml' }, apple: '/icons/apple-touch-icon.png' },
  appleWebApp: { capable: true, title: 'Wren', statusBarStyle: 'default' },
};

export async function generateViewport(): Promise<Viewport> {
  // The title bar of the installed app (the manifest holds the light one only): the user's
  // theme where they chose one, else the system's.
  const theme = await getRequestTheme();
  return {
    width: 'device-width',
    initialScale: 1,
    // The page reaches under a phone's notch and home bar; paddings keep content out (env(safe-area-inset-*)).
    viewportFit: 'cover',
    themeColor:
      theme === 'light' || theme === 'dark'
        ? APP_COLORS[theme].theme
        : [
            { media: '(prefers-color-scheme: light)', color: APP_COLORS.light.theme },
            { media: '(prefers-color-scheme: dark)', color: APP_COLORS.dark.theme },
          ],
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The service worker's registration and update bar (lib/pwa/boot.ts), with this response's
  // script nonce (proxy.ts). Not under `next dev`, where a worker would get in the way of reloads.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // The user's language (lib/i18n/request.ts) and its direction: Arabic lays the page out right to left.
  const locale = await getLocale();
  // Light or dark (lib/theme.ts): the signed-in user's choice, on the first paint. The head's
  // script keeps a copy of it for the pages rendered without it (and may set the attribute
  // before React hydrates: hence suppressHydrationWarning, which covers <html>'s own attributes).
  const theme = await getRequestTheme();
  return (
    <html lang={locale} dir={dirOf(locale)} data-theme={theme ?? undefined} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript() }} />
      </head>
      <body className="h-full bg-white text-slate-900 antialiased">
        {children}
        {process.env.NODE_ENV === 'production' && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: bootScript() }} />}
      </body>
    </html>
  );
}
