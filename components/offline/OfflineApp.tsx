'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useState } from 'react';
import type { FolderDto } from '@/lib/types';
import { MailApp } from '../mail/MailApp';
import { OfflineNotice } from './OfflineNotice';

type Kept = { user: string; folders: FolderDto[] };

/** Wren's frame while nothing else can show: the folder pane's place and the notice. */
function Frame({ children }: { children?: React.ReactNode }) {
  const t = useTranslations('offline');
  return (
    <div className="flex h-full">
      <aside aria-label={t('folders')} className="hidden w-64 shrink-0 flex-col border-e border-slate-200 bg-slate-50 panes:flex">
        <span className="px-4 py-3 text-lg font-semibold text-sky-800">Wren</span>
      </aside>
      <main className="flex flex-1 items-center justify-center bg-slate-50 px-4">{children}</main>
    </div>
  );
}

/**
 * The offline shell (#19): the page the service worker shows when a page load finds no network,
 * under the address asked for. For a mail view with mail kept on this device it is the mail view
 * itself, over the encrypted copy (lib/offline/fallback.ts answers its requests); otherwise, and
 * for any other page, a notice. Asked for the sign-in page (signed out, or signing out offline),
 * it deletes the copy first. Once Wren's server answers again it reloads into the real page,
 * unless the composer is open (what is typed stays; the mail view works online as it is).
 */
export function OfflineApp() {
  const [kept, setKept] = useState<Kept | null | undefined>(undefined);
  useEffect(() => {
    const path = window.location.pathname;
    import('@/lib/offline/fallback')
      .then(async (offline) => {
        if (!/^\/mail(\/|$)/.test(path)) {
          if (path.startsWith('/login')) await offline.wipeOffline();
          return null;
        }
        const account = await offline.keptAccount();
        if (account) offline.startOfflineMode(() => !new URLSearchParams(window.location.search).has('compose') && (window.location.reload(), true));
        return account;
      })
      .then(setKept, () => setKept(null));
  }, []);
  if (kept === undefined) return <Frame />;
  if (kept === null) {
    return (
      <Frame>
        <OfflineNotice />
      </Frame>
    );
  }
  // The user's own preferences are not kept: the defaults.
  return (
    <div className="h-full" data-density="comfortable" data-pane="right" data-swipe="archive">
      <MailApp username={kept.user} initialFolders={kept.folders} initialPage={null} rowHeight={72} markReadMs={0} undoMs={10_000} />
    </div>
  );
}
