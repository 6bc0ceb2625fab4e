import { archiveInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { archiveMessages } from '@/server/mail/move';

// POST /api/messages/archive – move messages to the Archive folder (create: true makes one)
export const POST = withSession(async ({ req, session }) => {
  const input = archiveInputSchema.parse(await readJson(req));
  return Response.json(await archiveMessages(session, input));
});
