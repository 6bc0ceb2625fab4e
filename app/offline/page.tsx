import type { Metadata } from 'next';
import { OfflineNotice } from '@/components/offline/OfflineNotice';

export const metadata: Metadata = { title: 'Offline – Wren' };

// Rendered per request like every page, so its scripts carry the nonce its own CSP names; the
// service worker keeps one copy, fetched without cookies (it holds nobody's mail), and answers a
// page load with it when the network fails (lib/pwa/service-worker.ts).
export const dynamic = 'force-dynamic';

/** The offline shell: Wren's frame and a clear notice. Offline reading (#19) will show cached mail here. */
export default function OfflinePage() {
  return (
    <div className="flex h-full">
      <aside aria-label="Folders" className="hidden w-64 shrink-0 flex-col border-r border-slate-200 bg-slate-50 panes:flex">
        <span className="px-4 py-3 text-lg font-semibold text-sky-800">Wren</span>
      </aside>
      <main className="flex flex-1 items-center justify-center bg-slate-50 px-4">
        <OfflineNotice />
      </main>
    </div>
  );
}
