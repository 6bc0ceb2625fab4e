import { listQuerySchema } from '@/lib/schemas';
import { readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { listMessages } from '@/server/mail/list';

// GET /api/messages?folder=&offset=&limit= – one window of a folder's headers, newest first
export const GET = withSession(async ({ req, session }) => {
  const query = listQuerySchema.parse(readQuery(req));
  return Response.json(await listMessages(session, query));
});
