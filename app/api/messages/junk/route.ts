import { junkInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { setJunk } from '@/server/mail/junk';

// POST /api/messages/junk – report messages as junk (to Junk) or not junk (to Inbox)
export const POST = withSession(async ({ req, session }) => {
  const input = junkInputSchema.parse(await readJson(req));
  return Response.json(await setJunk(session, input));
});
