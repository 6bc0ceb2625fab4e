import { quotaUsage } from '@/lib/quota';
import { withSession } from '@/server/http/with-session';
import { accountQuota } from '@/server/mail/quota';

// GET /api/quota – the account's quota, { quota: { usedBytes?, limitBytes?, usedMessages?, limitMessages? } | null,
// usage: { text: "1.2 MB of 10 MB", percent } | null } (null: no QUOTA capability, or no limit).
// Cached 30 s per session (server/mail/quota.ts).
export const GET = withSession(async ({ session }) => {
  const quota = await accountQuota(session);
  return Response.json({ quota, usage: quotaUsage(quota) });
});
