import { partSchema } from '@/lib/schemas';
import { withSession } from '@/server/http/with-session';
import { isRasterType } from '@/lib/raster-types';
import { openAttachment } from '@/server/mail/attachment';
import { attachmentHeaders } from '@/server/http/attachment-headers';

// GET /api/messages/:id/attachments/:part – streams one part; ?inline=1 for raster images
export const GET = withSession<{ id: string; part: string }>(async ({ req, session, params }) => {
  const part = partSchema.parse(params.part);
  const file = await openAttachment(session, params.id, part, req.signal);
  const inline = new URL(req.url).searchParams.get('inline') === '1' && isRasterType(file.contentType);
  return new Response(file.body, { headers: attachmentHeaders(file.filename, file.contentType, inline, file.size) });
});
