import { withSession } from '@/server/http/with-session';
import { offlineKeyOf } from '@/server/session/offline-key';

// GET /api/offline/key – the session's keys for the encrypted offline copy of mail in the browser
export const GET = withSession(async ({ session }) => Response.json(offlineKeyOf(session)));
