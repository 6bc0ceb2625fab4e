import { withSession } from '@/server/http/with-session';
import { discardDraft, getDraft } from '@/server/send/drafts';

// GET /api/drafts/[id] – a draft as the composer continues it
export const GET = withSession<{ id: string }>(async ({ session, params }) => Response.json(await getDraft(session, params.id)));

// DELETE /api/drafts/[id] – discards a draft for good
export const DELETE = withSession<{ id: string }>(async ({ session, params }) => {
  await discardDraft(session, params.id);
  return new Response(null, { status: 204 });
});
