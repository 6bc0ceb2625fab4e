import { z } from 'zod';
import { folderPathSchema } from '@/lib/schemas';
import type { LiveEventDto } from '@/lib/types';
import { readQuery } from '@/server/http/request';
import { eventStreamResponse } from '@/server/http/sse';
import { withSession } from '@/server/http/with-session';
import { openLiveStream } from '@/server/mail/live';

const querySchema = z.object({ folder: folderPathSchema });

// GET /api/events?folder= – server-sent events: changes to the mailbox as the IMAP server reports them
export const GET = withSession(async ({ req, session }) => {
  const { folder } = querySchema.parse(readQuery(req));
  const lastEventId = req.headers.get('last-event-id');
  return eventStreamResponse<LiveEventDto>(req.signal, (send) => openLiveStream(session, { folder, send }, lastEventId));
});
