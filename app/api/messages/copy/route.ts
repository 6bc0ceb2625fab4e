import { copyInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { copyMessages } from '@/server/mail/move';

// POST /api/messages/copy – copy messages to another folder
export const POST = withSession(async ({ req, session }) => {
  const input = copyInputSchema.parse(await readJson(req));
  return Response.json(await copyMessages(session, input));
});
