import { readJson } from '@/server/http/request';
import { assertPushHookAccess } from '@/server/http/push-hook-access';
import { withServerCaller } from '@/server/http/with-session';
import { receiveHookEvent } from '@/server/mail/push';

/**
 * PUT /api/push/dovecot – the mail server reports a delivery (Dovecot's push_notification plugin,
 * OX driver): authenticated by PUSH_DOVECOT_SECRET, loopback only by default. Answered at once;
 * the notifications are sent in the background.
 */
export const PUT = withServerCaller(assertPushHookAccess, async ({ req }) => {
  receiveHookEvent(await readJson(req, 16 * 1024));
  return new Response(null, { status: 204 });
});
