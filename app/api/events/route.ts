import { z } from 'zod';
import { folderPathSchema } from '@/lib/schemas';
import type { LiveEventDto } from '@/lib/types';
import { readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { openLiveStream } from '@/server/mail/live';

const querySchema = z.object({ folder: folderPathSchema });
const HEARTBEAT_MS = 15_000;

// GET /api/events?folder= – server-sent events: changes to the mailbox as the IMAP server reports them
export const GET = withSession(async ({ req, session }) => {
  const { folder } = querySchema.parse(readQuery(req));
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  // Until the response body starts, events (a replay after Last-Event-ID) wait here.
  const pending: string[] = ['retry: 1000\n\n'];
  let heartbeat: NodeJS.Timeout | null = null;
  const write = (text: string) => {
    if (!controller) return void pending.push(text);
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      stop();
    }
  };
  const send = (id: string, event: LiveEventDto) => write(`id: ${id}\ndata: ${JSON.stringify(event)}\n\n`);
  // Opened before the response: a server that is down answers with the usual JSON error.
  const close = await openLiveStream(session, { folder, send }, req.headers.get('last-event-id'));
  let closed = false;
  function stop() {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    close();
    try {
      controller?.close();
    } catch {
      // already closed
    }
  }
  req.signal.addEventListener('abort', stop);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      for (const text of pending.splice(0)) write(text);
      heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
    },
    cancel: stop,
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: Next's compression would otherwise hold the events back.
      'Cache-Control': 'no-cache, no-transform',
    },
  });
});
