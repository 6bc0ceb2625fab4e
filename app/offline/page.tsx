import type { Metadata } from 'next';
import { OfflineApp } from '@/components/offline/OfflineApp';

export const metadata: Metadata = { title: 'Offline – Wren' };

// Rendered per request like every page, so its scripts carry the nonce its own CSP names; the
// service worker keeps one copy, fetched without cookies (it holds nobody's mail), and answers a
// page load with it when the network fails (lib/pwa/service-worker.ts).
export const dynamic = 'force-dynamic';

/** The offline shell: the mail view over the mail kept on this device, or a clear notice (components/offline/OfflineApp.tsx). */
export default function OfflinePage() {
  return <OfflineApp />;
}
