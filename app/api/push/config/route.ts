import { withSession } from '@/server/http/with-session';
import { getPushConfig } from '@/server/mail/push';

// GET /api/push/config – whether notifications can be turned on, the VAPID key to subscribe with, the source of news
export const GET = withSession(async () => Response.json(getPushConfig()));
