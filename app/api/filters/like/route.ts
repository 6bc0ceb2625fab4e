import { filterLikeQuerySchema } from '@/lib/schemas';
import { readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { suggestFilter } from '@/server/mail/block-sender';

// GET /api/filters/like?id=… – a new rule for messages like this one (its mailing list, else its sender), not saved
export const GET = withSession(async ({ req, session }) => {
  const { id } = filterLikeQuerySchema.parse(readQuery(req));
  return Response.json(await suggestFilter(session, id));
});
