import { withSession } from '@/server/http/with-session';
import { composeConfig } from '@/server/send/compose-config';

// GET /api/compose/config – the sender address and the attachment size limit
export const GET = withSession(async ({ session }) => Response.json(await composeConfig(session)));
