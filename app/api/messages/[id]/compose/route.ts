import { z } from 'zod';
import { readQuery } from '@/server/http/request';
import { validTimeZone } from '@/lib/i18n/config';
import { requestLocale, withSession } from '@/server/http/with-session';
import { composeFrom } from '@/server/send/reply';

// `tz`: the browser's time zone now (else the one it gave at sign-in), for the quote line's date.
const querySchema = z.object({ mode: z.enum(['reply', 'all', 'forward']), tz: z.string().max(64).optional() });

// GET /api/messages/[id]/compose?mode=reply|all|forward – a reply or forward ready for the composer
export const GET = withSession<{ id: string }>(async ({ req, session, params }) => {
  const { mode, tz } = querySchema.parse(readQuery(req));
  return Response.json(await composeFrom(session, params.id, mode, { locale: requestLocale(req), timeZone: validTimeZone(tz) ?? session.timeZone }));
});
