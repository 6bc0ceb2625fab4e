import { flagsInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { setFlags } from '@/server/mail/flags';

// POST /api/messages/flags – mark messages read/unread, flagged/unflagged
export const POST = withSession(async ({ req, session }) => {
  const input = flagsInputSchema.parse(await readJson(req));
  return Response.json(await setFlags(session, input));
});
