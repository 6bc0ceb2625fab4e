import { withSession } from '@/server/http/with-session';
import { openConversation } from '@/server/mail/conversations/open';

// GET /api/conversations/:id – the conversation of message :id: its messages oldest first, from its folder, Sent and Archive
export const GET = withSession<{ id: string }>(async ({ session, params }) => Response.json(await openConversation(session, params.id)));
