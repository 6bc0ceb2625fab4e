import { z } from 'zod';
import { addressSchema } from '@/lib/compose';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { listImageSenders, setImageSender } from '@/server/mail/image-senders';

const inputSchema = z.object({ address: addressSchema.shape.address, always: z.boolean() });

// GET /api/image-senders – the senders whose images are always shown, and where the list is kept
export const GET = withSession(async ({ session }) => Response.json(await listImageSenders(session)));

// POST /api/image-senders – always show (or stop showing) remote images from one sender
export const POST = withSession(async ({ req, session }) => {
  const { address, always } = inputSchema.parse(await readJson(req));
  await setImageSender(session, address, always);
  return Response.json({ address: address.toLowerCase(), always });
});
