import { withSession } from '@/server/http/with-session';
import { deleteUpload } from '@/server/send/uploads';

// DELETE /api/uploads/[id] – removes an attachment before sending
export const DELETE = withSession<{ id: string }>(async ({ session, params }) => {
  await deleteUpload(session, params.id);
  return new Response(null, { status: 204 });
});
