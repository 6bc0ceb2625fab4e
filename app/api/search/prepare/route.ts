import { prepareSearchInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { prepareSearch } from '@/server/mail/search';

// POST /api/search/prepare – the search box got focus: ready the search connection and folder
export const POST = withSession(async ({ req, session }) => {
  const { folder } = prepareSearchInputSchema.parse(await readJson(req));
  await prepareSearch(session, folder);
  return new Response(null, { status: 204 });
});
