'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useSyncExternalStore } from 'react';

const never = () => () => undefined;
const RETRY_MS = 5_000;

/** Whether Wren's server answers: its liveness check (it touches no mail server). */
async function reachable(): Promise<boolean> {
  try {
    return (await fetch('/api/health', { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * What the offline shell says, and the way back: the address bar still shows the page the user
 * asked for (the service worker answered its load with this shell), so once Wren's server answers
 * again a reload is all it takes. Checked when the browser says it is online, every few seconds
 * (a server that was down says nothing), and when the user presses Try again.
 */
export function OfflineNotice() {
  // "Checking…" until this script runs (from the worker's cache): the button works only then.
  const ready = useSyncExternalStore(never, () => true, () => false);
  const t = useTranslations('offline');
  useEffect(() => {
    let live = true;
    const check = async () => {
      if ((await reachable()) && live) window.location.reload();
    };
    const timer = window.setInterval(() => void check(), RETRY_MS);
    const onOnline = () => void check();
    window.addEventListener('online', onOnline);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener('online', onOnline);
    };
  }, []);
  return (
    <section role="status" aria-labelledby="offline-title" className="w-full max-w-sm space-y-3 rounded-xl bg-white p-6 shadow">
      <h1 id="offline-title" className="text-xl font-semibold">
        {t('title')}
      </h1>
      <p className="text-sm text-slate-600">
        {t('explain')}
      </p>
      <button
        type="button"
        disabled={!ready}
        onClick={() => window.location.reload()}
        className="rounded-lg bg-sky-700 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-50"
      >
        {ready ? t('tryAgain') : t('checking')}
      </button>
    </section>
  );
}
