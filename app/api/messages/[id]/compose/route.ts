import { z } from 'zod';
import { readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { composeFrom } from '@/server/send/reply';

const querySchema = z.object({ mode: z.enum(['reply', 'all', 'forward']) });

// GET /api/messages/[id]/compose?mode=reply|all|forward – a reply or forward ready for the composer
export const GET = withSession<{ id: string }>(async ({ req, session, params }) => {
  const { mode } = querySchema.parse(readQuery(req));
  return Response.json(await composeFrom(session, params.id, mode));
});
