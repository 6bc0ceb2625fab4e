import { subscriptionInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { setSubscription } from '@/server/mail/folder-admin';

// POST /api/folders/subscription – subscribe to or unsubscribe from a folder
export const POST = withSession(async ({ req, session }) => {
  const input = subscriptionInputSchema.parse(await readJson(req));
  return Response.json(await setSubscription(session, input));
});
