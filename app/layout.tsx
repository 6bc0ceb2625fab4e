import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'Wren',
  description: 'Fast, safe webmail for your IMAP server',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  // The page reaches under a phone's notch and home bar; paddings keep content out (env(safe-area-inset-*)).
  viewportFit: 'cover',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="h-full bg-white text-slate-900 antialiased">{children}</body>
    </html>
  );
}
