import { formatSize } from '@/lib/format';
import { serverTranslator } from '@/server/i18n';
import { requestLocale, withSession } from '@/server/http/with-session';
import { MAX_SOURCE_BYTES, readMessageSource } from '@/server/mail/source';

// GET /api/messages/:id/source – the message's headers and raw text, as plain text (never rendered), at most 2 MB
export const GET = withSession<{ id: string }>(async ({ req, session, params }) => {
  const { bytes, size, cut } = await readMessageSource(session, params.id);
  const locale = requestLocale(req);
  const note = cut
    ? `${serverTranslator(locale, 'mail')('message.sourceCut', { shown: formatSize(MAX_SOURCE_BYTES, locale), size: formatSize(size, locale) })}\n\n`
    : '';
  return new Response(Buffer.concat([Buffer.from(note, 'utf8'), bytes]), {
    headers: {
      // Text, whatever the message holds: not sniffed, and a sandbox with no script or load even if it were.
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Disposition': 'inline',
      'Cache-Control': 'private, no-store',
    },
  });
});
