import { composeInputSchema } from '@/lib/compose';
import { MAX_COMPOSE_JSON_BYTES, readJson } from '@/server/http/request';
import { requestLocale, withSession } from '@/server/http/with-session';
import { sendMessage } from '@/server/send/send';

// POST /api/send – sends a compose through SMTP (at most once per composeId), keeps a copy in Sent
export const POST = withSession(async ({ req, session }) => {
  const input = composeInputSchema.parse(await readJson(req, MAX_COMPOSE_JSON_BYTES));
  return Response.json(await sendMessage(session, input, requestLocale(req)));
});
