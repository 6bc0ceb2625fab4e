import { jobIdSchema } from '@/lib/scheduler';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { cancelScheduled } from '@/server/scheduler/send-later';

// POST /api/scheduled/cancel – takes a queued message back into Drafts before it goes (Undo, Cancel, Edit)
export const POST = withSession(async ({ req, session }) => {
  const { id } = jobIdSchema.parse(await readJson(req));
  return Response.json(await cancelScheduled(session, id));
});
