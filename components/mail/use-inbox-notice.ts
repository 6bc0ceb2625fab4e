'use client';

import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { apiRequest } from '@/lib/api-client';
import { formatAddress } from '@/lib/format';
import type { FolderDto, MessagePageDto } from '@/lib/types';

const STORAGE_KEY = 'wren.notify';

/**
 * The tab title shows the Inbox's unread count; with the user's consent, new Inbox mail also
 * shows a desktop notification with the sender and subject, as text.
 */
export function useInboxNotice(folders: FolderDto[] | null) {
  const unread = folders?.find((f) => f.role === 'inbox' || f.path.toUpperCase() === 'INBOX')?.unread ?? null;
  // Read from the browser after hydration (the server renders it off).
  const enabled = useSyncExternalStore(subscribe, readEnabled, () => false);
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

  const toggle = useCallback(async () => {
    if (enabled) localStorage.removeItem(STORAGE_KEY);
    else if ((await Notification.requestPermission()) === 'granted') localStorage.setItem(STORAGE_KEY, '1');
    listeners.forEach((listener) => listener());
  }, [enabled]);

  return { notifications: enabled, toggleNotifications: toggle };
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function readEnabled(): boolean {
  return 'Notification' in window && Notification.permission === 'granted' && localStorage.getItem(STORAGE_KEY) === '1';
}
