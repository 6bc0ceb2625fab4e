import { AppError } from '@/server/errors';
import { withSession } from '@/server/http/with-session';
import { saveUpload } from '@/server/send/uploads';

// POST /api/uploads – one attachment as the raw body (X-Filename: URI-encoded name), stored until sent
export const POST = withSession(async ({ req, session }) => {
  if (!req.body) throw new AppError('bad_request', { key: 'theUploadIsEmpty' });
  let filename = 'attachment';
  try {
    filename = decodeURIComponent(req.headers.get('x-filename') ?? 'attachment');
  } catch {
    throw new AppError('bad_request', { key: 'malformedXFilename' });
  }
  const upload = await saveUpload(session, req.body, filename, req.headers.get('content-type') ?? 'application/octet-stream');
  return Response.json(upload, { status: 201 });
});
