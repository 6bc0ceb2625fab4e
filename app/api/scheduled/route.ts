import { scheduleInputSchema } from '@/lib/scheduler';
import { MAX_COMPOSE_JSON_BYTES, readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { listJobs } from '@/server/scheduler/jobs';
import { scheduleSend } from '@/server/scheduler/send-later';

// GET /api/scheduled – the scheduled and snoozed messages with their times
export const GET = withSession(async ({ session }) => Response.json(await listJobs(session)));

// POST /api/scheduled – queues a compose to be sent at `sendAt` (Send later, and Send's undo window)
export const POST = withSession(async ({ req, session }) => {
  const input = scheduleInputSchema.parse(await readJson(req, MAX_COMPOSE_JSON_BYTES));
  return Response.json(await scheduleSend(session, input.compose, input.sendAt));
});
