'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState, useSyncExternalStore } from 'react';
import { INBOX_NOTICE_KEY, readInboxNotice } from '@/lib/inbox-notice';

function subscribe(listener: () => void) {
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}

const hasNotifications = () => 'Notification' in window;

/** Turns the notices on (asking the browser's permission, from the user's gesture) or off; answers the new state. */
async function setInboxNotice(on: boolean): Promise<boolean> {
  if (!on) {
    localStorage.removeItem(INBOX_NOTICE_KEY);
    return false;
  }
  if (!('Notification' in window) || (await Notification.requestPermission()) !== 'granted') return false;
  localStorage.setItem(INBOX_NOTICE_KEY, '1');
  return true;
}

/** "Notify me of new mail while Wren is open": this browser's desktop notices from an open tab. */
export function TabNotice() {
  const t = useTranslations('settings.tabNotice');
  const [, rerender] = useState(0);
  const on = useSyncExternalStore(subscribe, readInboxNotice, () => false);
  const supported = useSyncExternalStore(subscribe, hasNotifications, () => true);
  const [refused, setRefused] = useState(false);
  return (
    <section aria-labelledby="tab-notice" className="flex flex-col gap-2">
      <h3 id="tab-notice" className="font-semibold">
        {t('title')}
      </h3>
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          role="switch"
          className="h-5 w-5"
          disabled={!supported}
          checked={on}
          onChange={(e) =>
            void setInboxNotice(e.target.checked).then((now) => {
              setRefused(e.target.checked && !now);
              rerender((n) => n + 1);
            })
          }
        />
        {t('notify')}
      </label>
      <p className="text-slate-600">
        {!supported
          ? t('unsupported')
          : refused
            ? t('refused')
            : t('explain')}
      </p>
    </section>
  );
}
