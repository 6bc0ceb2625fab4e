import { searchAllQuerySchema } from '@/lib/schemas';
import { readQuery } from '@/server/http/request';
import { requestLocale, withSession } from '@/server/http/with-session';
import { searchAllFolders } from '@/server/mail/search';
import { toNdjsonStream } from '@/server/http/ndjson';

// GET /api/search?q=&after= – search every folder; NDJSON, one line per folder as it is searched
export const GET = withSession(async ({ req, session, requestId }) => {
  const query = searchAllQuerySchema.parse(readQuery(req));
  const events = searchAllFolders(session, query, req.signal);
  // The first folder is awaited here, so a query that does not parse (or a server that is
  // down) answers with the usual JSON error and status, not a broken stream.
  const first = await events.next();
  return new Response(toNdjsonStream(first, events, requestId, requestLocale(req)), {
    headers: {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      // no-transform: Next's compression would otherwise hold lines back.
      'Cache-Control': 'private, no-store, no-transform',
    },
  });
});
