import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { dirOf } from '@/lib/i18n/config';
import { bootScript } from '@/lib/pwa/boot';
import { APP_COLORS } from '@/lib/pwa/install';
import './globals.css';

export const metadata: Metadata = {
  title: 'Wren',
  description: 'Fast, safe webmail for your IMAP server',
  applicationName: 'Wren',
  // The manifest (app/manifest.ts) is linked by Next; iOS's Add to Home Screen reads these.
  icons: { icon: { url: '/icons/wren.svg', type: 'image/svg+xml' }, apple: '/icons/apple-touch-icon.png' },
  appleWebApp: { capable: true, title: 'Wren', statusBarStyle: 'default' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  // The page reaches under a phone's notch and home bar; paddings keep content out (env(safe-area-inset-*)).
  viewportFit: 'cover',
  // The title bar of the installed app (the manifest holds the light one only).
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: APP_COLORS.light.theme },
    { media: '(prefers-color-scheme: dark)', color: APP_COLORS.dark.theme },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The service worker's registration and update bar (lib/pwa/boot.ts), with this response's
  // script nonce (proxy.ts). Not under `next dev`, where a worker would get in the way of reloads.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // The user's language (lib/i18n/request.ts) and its direction: Arabic lays the page out right to left.
  const locale = await getLocale();
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <body className="h-full bg-white text-slate-900 antialiased">
        {children}
        {process.env.NODE_ENV === 'production' && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: bootScript() }} />}
      </body>
    </html>
  );
}
