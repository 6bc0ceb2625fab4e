import { checkReadiness } from '@/server/health';
import { withRequest } from '@/server/http/with-session';

export const dynamic = 'force-dynamic';

// GET /api/health/ready – readiness: IMAP, SMTP and Redis (if configured) answer their greeting; 503 names what is down
export const GET = withRequest(async () => {
  const { ready, checks } = await checkReadiness();
  const down = checks.filter((check) => !check.ok).map((check) => check.name);
  return Response.json({ status: ready ? 'ready' : 'unavailable', down, checks }, { status: ready ? 200 : 503 });
});
