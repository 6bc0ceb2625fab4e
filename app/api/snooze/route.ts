import { snoozeInputSchema } from '@/lib/scheduler';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { snoozeMessage } from '@/server/scheduler/snooze';

// POST /api/snooze – moves messages to Snoozed until a time; the scheduler brings them back to INBOX
export const POST = withSession(async ({ req, session }) => {
  const input = snoozeInputSchema.parse(await readJson(req));
  const ids: string[] = [];
  for (const id of input.ids) ids.push((await snoozeMessage(session, id, input.until)).id);
  return Response.json({ ids });
});
