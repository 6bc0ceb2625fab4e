import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OfflineApp } from '@/components/offline/OfflineApp';
import { PageI18n } from '@/lib/i18n/provider';
import { MAIL_NAMESPACES } from '@/lib/i18n/namespaces';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('offline'))('pageTitle') };
}

// Rendered per request like every page, so its scripts carry the nonce its own CSP names; the
// service worker keeps one copy, fetched without cookies (it holds nobody's mail), and answers a
// page load with it when the network fails (lib/pwa/service-worker.ts).
export const dynamic = 'force-dynamic';

/** The offline shell: the mail view over the mail kept on this device, or a clear notice (components/offline/OfflineApp.tsx). */
export default async function OfflinePage() {
  // The worker fetches it without cookies: in the browser's language (Accept-Language), not the setting's.
  return (
    <PageI18n namespaces={MAIL_NAMESPACES}>
      <OfflineApp />
    </PageI18n>
  );
}
