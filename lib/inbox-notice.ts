/*
 * "Notify me of new mail while Wren is open": this browser's choice, kept in localStorage (it is
 * the browser's permission, not the user's everywhere). Set on the settings page
 * (Notifications: components/settings/TabNotice.tsx, which also writes it, so that the mail
 * view's first download does without the writing), read by the mail view
 * (components/mail/use-inbox-notice.ts), which hears a change made in another tab through the
 * `storage` event.
 */
export const INBOX_NOTICE_KEY = 'wren.notify';

export function readInboxNotice(): boolean {
  try {
    // The stored choice first: Notification.permission asks the browser process synchronously,
    // and the mail view reads this on every render (#22: 130 ms of a load where nobody opted in).
    return localStorage.getItem(INBOX_NOTICE_KEY) === '1' && 'Notification' in window && Notification.permission === 'granted';
  } catch {
    return false;
  }
}
