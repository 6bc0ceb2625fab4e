import { withSession } from '@/server/http/with-session';
import { getMessage } from '@/server/mail/message';

// GET /api/messages/:id – headers, the shown body part and the attachment list
export const GET = withSession<{ id: string }>(async ({ req, session, params }) =>
  Response.json(await getMessage(session, params.id, req.signal)),
);
