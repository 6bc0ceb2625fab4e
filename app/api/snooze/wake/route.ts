import { jobIdSchema } from '@/lib/scheduler';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { unsnoozeNow } from '@/server/scheduler/snooze';

// POST /api/snooze/wake – brings a snoozed message back to INBOX now
export const POST = withSession(async ({ req, session }) => {
  const { id } = jobIdSchema.parse(await readJson(req));
  await unsnoozeNow(session, id);
  return Response.json({ ok: true });
});
