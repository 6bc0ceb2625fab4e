import { withSession } from '@/server/http/with-session';
import { unsubscribeOneClick } from '@/server/mail/unsubscribe';

// POST /api/messages/:id/unsubscribe – one-click unsubscribe (RFC 8058): Wren's server POSTs to the message's List-Unsubscribe URI
export const POST = withSession<{ id: string }>(async ({ session, params }) => Response.json(await unsubscribeOneClick(session, params.id)));
