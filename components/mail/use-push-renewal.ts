'use client';

import { useEffect } from 'react';
import { PUSH_NOTE_KEY } from '@/lib/push-note';

/**
 * Renews this browser's notifications when the user who turned them on here signs in again (a
 * device's subscription ends with the sign-in that made it: server/mail/push/devices.ts). The
 * code that reads the note and does it loads only where there is one.
 */
export function usePushRenewal(username: string) {
  useEffect(() => {
    // Only where a note was left (its reading, like the renewal, is in push-client.ts).
    try {
      if (!localStorage.getItem(PUSH_NOTE_KEY)) return;
    } catch {
      return;
    }
    void import('@/components/settings/push-client').then((m) => m.renewSubscription(username)).catch(() => undefined);
  }, [username]);
}
