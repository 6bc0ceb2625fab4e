import { z } from 'zod';
import { AppError } from '@/server/errors';
import { readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { fetchRemoteImage, isSignedImageUrl } from '@/server/mail/image-proxy';
import { toWebStream } from '@/server/streams/web-stream';

const querySchema = z.object({ u: z.string().min(1).max(4096), s: z.string().min(1).max(100) });

// GET /api/image-proxy?u=&s= – a remote image of a message, fetched by Wren (signed URLs only)
export const GET = withSession(async ({ req, session }) => {
  const { u, s } = querySchema.parse(readQuery(req));
  if (!isSignedImageUrl(session, u, s)) throw new AppError('forbidden', { key: 'unsignedImageAddress' });
  const image = await fetchRemoteImage(u);
  return new Response(toWebStream(image.body), {
    headers: {
      'Content-Type': image.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=3600',
    },
  });
});
