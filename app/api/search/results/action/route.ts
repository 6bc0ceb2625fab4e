import { resultSetActionInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { actOnResultSet } from '@/server/mail/result-set-action';

// POST /api/search/results/action – archive, move, delete, junk or flag every result of a search (its pinned result set)
export const POST = withSession(async ({ req, session }) => {
  const input = resultSetActionInputSchema.parse(await readJson(req));
  return Response.json(await actOnResultSet(session, input));
});
