/*
 * "Notify me of new mail while Wren is open": this browser's choice, kept in localStorage (it is
 * the browser's permission, not the user's everywhere). Set on the settings page
 * (Notifications), read by the mail view (components/mail/use-inbox-notice.ts), which hears a
 * change made in another tab through the `storage` event.
 */
export const INBOX_NOTICE_KEY = 'wren.notify';

export function readInboxNotice(): boolean {
  try {
    return 'Notification' in window && Notification.permission === 'granted' && localStorage.getItem(INBOX_NOTICE_KEY) === '1';
  } catch {
    return false;
  }
}

/** Turns the notices on (asking the browser's permission, from the user's gesture) or off; answers the new state. */
export async function setInboxNotice(on: boolean): Promise<boolean> {
  if (!on) {
    localStorage.removeItem(INBOX_NOTICE_KEY);
    return false;
  }
  if (!('Notification' in window) || (await Notification.requestPermission()) !== 'granted') return false;
  localStorage.setItem(INBOX_NOTICE_KEY, '1');
  return true;
}
