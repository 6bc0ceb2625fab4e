'use client';

import { translator } from '@/lib/i18n/client';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { readInboxNotice } from '@/lib/inbox-notice';
import type { FolderDto } from '@/lib/types';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';

// The notification itself is fetched only where the user turned the notices on.
const notifier = lazyModule(() => import('./inbox-notifier'));

/**
 * The tab title shows the Inbox's unread count; with the user's consent, new Inbox mail also
 * shows a desktop notification with the sender and subject, as text (turned on in Settings,
 * Notifications: lib/inbox-notice.ts). Returns what the live region says of new Inbox mail.
 */
export function useInboxNotice(folders: FolderDto[] | null) {
  const unread = folders?.find((f) => f.role === 'inbox' || f.path.toUpperCase() === 'INBOX')?.unread ?? null;
  // Read from the browser after hydration (the server renders it off).
  const enabled = useSyncExternalStore(subscribe, readInboxNotice, () => false);
  const notify = useLazyModule(notifier, enabled);
  const previous = useRef<number | null>(null);
  const [news, setNews] = useState('');

  useEffect(() => {
    document.title = unread ? translator('mail')('titleUnread', { n: String(unread) }) : 'Wren';
  }, [unread]);

  useEffect(() => {
    const before = previous.current;
    previous.current = unread;
    if (before === null || unread === null || unread <= before) return;
    setNews(translator('mail')('newInInbox', { n: String(unread - before) }));
    if (enabled && notify) notify.notifyNewest();
  }, [unread, enabled, notify]);
  return news;
}

function subscribe(listener: () => void) {
  addEventListener('storage', listener);
  return () => removeEventListener('storage', listener);
}
