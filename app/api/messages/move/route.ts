import { moveInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { moveMessages } from '@/server/mail/move';

// POST /api/messages/move – move messages to another folder; undo names them there
export const POST = withSession(async ({ req, session }) => {
  const input = moveInputSchema.parse(await readJson(req));
  return Response.json(await moveMessages(session, input));
});
