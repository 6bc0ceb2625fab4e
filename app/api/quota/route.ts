import { quotaUsage } from '@/lib/quota';
import { serverTranslator } from '@/server/i18n';
import { requestLocale, withSession } from '@/server/http/with-session';
import { accountQuota } from '@/server/mail/quota';

// GET /api/quota – the account's quota, { quota: { usedBytes?, limitBytes?, usedMessages?, limitMessages? } | null,
// usage: { text: "1.2 MB of 10 MB", percent } | null } (null: no QUOTA capability, or no limit).
// Cached 30 s per session (server/mail/quota.ts).
// The text is in the request's language (its sizes through Intl).
export const GET = withSession(async ({ req, session }) => {
  const quota = await accountQuota(session);
  const locale = requestLocale(req);
  const t = serverTranslator(locale, 'quota');
  const usage = quotaUsage(quota, { locale, bytes: (used, limit) => t('bytes', { used, limit }), messages: (used, limit) => t('messages', { used, limit }) });
  return Response.json({ quota, usage });
});
