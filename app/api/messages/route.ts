import { listQuerySchema } from '@/lib/schemas';
import { readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { listConversations } from '@/server/mail/conversations/list';
import { listMessages } from '@/server/mail/list';
import { searchFolder } from '@/server/mail/search';

// GET /api/messages?folder=&offset=&limit=&q=&threads= – one window of a folder's headers (or of its search results, or
// with threads=1 of its conversations), newest first
export const GET = withSession(async ({ req, session }) => {
  const query = listQuerySchema.parse(readQuery(req));
  const q = query.q?.trim();
  return Response.json(q ? await searchFolder(session, { ...query, q }, req.signal) : query.threads === '1' ? await listConversations(session, query) : await listMessages(session, query));
});
