import 'server-only';
import type { ImapFlow } from 'imapflow';
import { z } from 'zod';
import { AppError } from '../../errors';
import { log } from '../../log';
import { setServerMetadata, supportsServerMetadata } from '../../imap/commands/metadata';
import type { NewMail } from './payload';

/*
 * Dovecot's push_notification plugin, OX driver (Dovecot 2.3; scripts/dovecot.sh and
 * docs/DEPLOY.md show the configuration). For a user whose private server METADATA entry below
 * is set, each delivery to INBOX (LMTP or LDA: the MessageNew event; an IMAP APPEND is
 * MessageAppend, which the driver ignores) is PUT to Wren as JSON. What Dovecot 2.3.19 sent:
 *
 *   {"user":"<token>","event":"messageNew","folder":"INBOX","imap-uidvalidity":1796154685,
 *    "imap-uid":2,"from":"=?utf-8?q?J=C3=BCrgen?= <j@ex.com>","subject":"=?utf-8?q?Gr=C3=BC=C3=9Fe?=",
 *    "snippet":"Body text here","unseen":2}
 *
 * From and Subject come as sent (encoded words), and are left out when the message has none.
 * The driver reads the entry's tab-separated key=value pairs and needs `user=`; with
 * `user_from_metadata` it sends that value as "user": Wren's token for the user (config.ts).
 */

/** The entry the OX driver looks for (RFC 5464 private server entry; Dovecot's own vendor tree). */
export const HOOK_ENTRY = '/private/vendor/vendor.dovecot/http-notify';

/** Sets (or, with null, clears) the user's entry, so the mail server reports (or stops reporting) their deliveries. */
export async function setHookEntry(client: ImapFlow, token: string | null): Promise<void> {
  if (!supportsServerMetadata(client)) {
    throw new AppError('push_unavailable', { key: 'thisMailServerCannotReport' });
  }
  await setServerMetadata(client, HOOK_ENTRY, token === null ? null : `user=${token}`);
}

const hookEventSchema = z.object({
  user: z.string().min(1).max(200),
  event: z.string().max(50),
  folder: z.string().max(1000),
  'imap-uidvalidity': z.number().int().nonnegative(),
  // 0: Dovecot had no UID for the delivery when it called (seen once, mail through Postfix in a
  // fresh-clone run, 2026-12-04). The push still goes, opening the Inbox (payload.ts).
  'imap-uid': z.number().int().nonnegative(),
  from: z.string().max(4000).optional(),
  subject: z.string().max(4000).optional(),
});

/** A hook call's user token and the new message, or null for anything but new mail in INBOX. */
export function parseHookEvent(body: unknown): { token: string; mail: NewMail } | null {
  const parsed = hookEventSchema.safeParse(body);
  if (!parsed.success) {
    // Said in the log (field names only, never the values: they hold mail) for whoever set Dovecot up.
    log.warn('push hook: a call Wren does not understand', { fields: parsed.error.issues.map((i) => i.path.join('.')) });
    throw new AppError('invalid_input', { key: 'notAPushNotificationOx' });
  }
  const event = parsed.data;
  if (event.event !== 'messageNew' || event.folder.toUpperCase() !== 'INBOX') return null;
  return {
    token: event.user,
    mail: { uidValidity: String(event['imap-uidvalidity']), uid: event['imap-uid'], from: event.from, subject: event.subject },
  };
}
