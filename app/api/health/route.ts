import { withRequest } from '@/server/http/with-session';

export const dynamic = 'force-dynamic';

// GET /api/health – liveness: the process answers; touches no mail server, needs no session
export const GET = withRequest(async () => Response.json({ status: 'ok' }));
