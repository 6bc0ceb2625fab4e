import 'server-only';
import contentDisposition from 'content-disposition';
import { safeFilename } from '@/lib/filename';
import { RASTER_TYPES } from '@/lib/raster-types';


/** The plain-ASCII filename= for clients that ignore filename*=: accents dropped, rest as _. */
function asciiFallback(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

/**
 * Headers for serving a mail part: only known raster images keep their type (and only they may
 * be inline); everything else is an opaque download that the browser must not sniff or run.
 * `size`, when the server said it before sending, becomes Content-Length (a download's progress).
 */
export function attachmentHeaders(filename: string, contentType: string, inline: boolean, size?: number): Headers {
  const raster = RASTER_TYPES.has(contentType);
  const headers = new Headers({
    'Content-Type': raster ? contentType : 'application/octet-stream',
    'Content-Disposition': contentDisposition(safeFilename(filename), {
      type: inline && raster ? 'inline' : 'attachment',
      fallback: asciiFallback(safeFilename(filename)),
    }),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  });
  if (size !== undefined) headers.set('Content-Length', String(size));
  return headers;
}
