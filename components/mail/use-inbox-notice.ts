'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { apiRequest } from '@/lib/api-client';
import { formatAddress } from '@/lib/format';
import { readInboxNotice } from '@/lib/inbox-notice';
import type { FolderDto, MessagePageDto } from '@/lib/types';

/**
 * The tab title shows the Inbox's unread count; with the user's consent, new Inbox mail also
 * shows a desktop notification with the sender and subject, as text (turned on in Settings,
 * Notifications: lib/inbox-notice.ts).
 */
export function useInboxNotice(folders: FolderDto[] | null) {
  const unread = folders?.find((f) => f.role === 'inbox' || f.path.toUpperCase() === 'INBOX')?.unread ?? null;
  // Read from the browser after hydration (the server renders it off).
  const enabled = useSyncExternalStore(subscribe, readInboxNotice, () => false);
  const previous = useRef<number | null>(null);

  useEffect(() => {
    document.title = unread ? `(${unread}) Inbox – Wren` : 'Wren';
  }, [unread]);

  useEffect(() => {
    const before = previous.current;
    previous.current = unread;
    if (!enabled || before === null || unread === null || unread <= before) return;
    void apiRequest<MessagePageDto>('/api/messages?folder=INBOX&limit=1').then((page) => {
      const newest = page.messages[0];
      if (newest && !newest.seen) new Notification(formatAddress(newest.from) || 'New mail', { body: newest.subject || '(no subject)', tag: newest.id });
    }, () => undefined);
  }, [unread, enabled]);
}

function subscribe(listener: () => void) {
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
