import { pushDeviceIdSchema, pushSubscriptionInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { listPushDevices, subscribePush, unsubscribePush } from '@/server/mail/push';

// GET /api/push/subscription – the devices that receive the user's notifications
export const GET = withSession(async ({ session }) => Response.json({ devices: await listPushDevices(session) }));

// POST /api/push/subscription – this device receives notifications (or changes its preview choice)
export const POST = withSession(async ({ req, session }) => {
  const input = pushSubscriptionInputSchema.parse(await readJson(req, 8 * 1024));
  return Response.json({ devices: await subscribePush(session, input, req.headers.get('user-agent')) });
});

// DELETE /api/push/subscription – a device of the user's (by its id in the list) stops receiving them
export const DELETE = withSession(async ({ req, session }) => {
  const { id } = pushDeviceIdSchema.parse(await readJson(req, 1024));
  return Response.json({ devices: await unsubscribePush(session, id) });
});
