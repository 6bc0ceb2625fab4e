import { deleteInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { deleteMessages } from '@/server/mail/delete';

// POST /api/messages/delete – move messages to Trash, or delete them for good
export const POST = withSession(async ({ req, session }) => {
  const input = deleteInputSchema.parse(await readJson(req));
  return Response.json(await deleteMessages(session, input));
});
