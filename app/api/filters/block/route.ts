import { filterFromMessageSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { blockSender } from '@/server/mail/block-sender';

// POST /api/filters/block – the open message's sender: their future mail goes to Junk (a rule on top of Wren's filters)
export const POST = withSession(async ({ req, session }) => {
  const input = filterFromMessageSchema.parse(await readJson(req));
  return Response.json(await blockSender(session, input));
});
