'use client';

import { useEffect } from 'react';
import { readPushNote } from '@/lib/push-note';

/**
 * Renews this browser's notifications when the user who turned them on here signs in again (a
 * device's subscription ends with the sign-in that made it: server/mail/push/devices.ts). The
 * code that does it loads only then.
 */
export function usePushRenewal(username: string) {
  useEffect(() => {
    if (!readPushNote(username)) return;
    void import('@/components/settings/push-client').then((m) => m.renewSubscription(username)).catch(() => undefined);
  }, [username]);
}
