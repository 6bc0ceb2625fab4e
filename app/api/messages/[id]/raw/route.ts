import { attachmentHeaders } from '@/server/http/attachment-headers';
import { withSession } from '@/server/http/with-session';
import { openRawMessage } from '@/server/mail/attachment';

// GET /api/messages/:id/raw – the whole message as sent, as a download (for one too complex to display)
export const GET = withSession<{ id: string }>(async ({ req, session, params }) => {
  const file = await openRawMessage(session, params.id, req.signal);
  return new Response(file.body, { headers: attachmentHeaders(file.filename, file.contentType, false, file.size) });
});
