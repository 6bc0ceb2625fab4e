import { translator } from '@/lib/i18n/client';
import { apiRequest } from '@/lib/api-client';
import { formatAddress } from '@/lib/format';
import type { MessagePageDto } from '@/lib/types';

/**
 * The desktop notification of new Inbox mail: the newest message's sender and subject, as text.
 * Fetched only where the user turned the notices on (use-inbox-notice.ts).
 */
export function notifyNewest() {
  void apiRequest<MessagePageDto>('/api/messages?folder=INBOX&limit=1').then((page) => {
    const newest = page.messages[0];
    const t = translator('mail.list');
    if (newest && !newest.seen) new Notification(formatAddress(newest.from) || t('newMail'), { body: newest.subject || t('noSubject'), tag: newest.id });
  }, () => undefined);
}
