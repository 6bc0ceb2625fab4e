import 'server-only';
import { processGlobal } from '../process-global';
import { onShutdown } from '../shutdown';

const HEARTBEAT_MS = 15_000;
/** How long the browser's EventSource waits before it reconnects. */
const RETRY_MS = 1000;
/**
 * At shutdown each stream ends with a retry hint drawn from this range, so the browsers of a
 * stopping process come back soon but not all in the same instant.
 */
const SHUTDOWN_RETRY_MS = { min: 200, spread: 1300 };

/**
 * The name of the last event a stream sends before the server ends it on purpose (a restart):
 * the browser reconnects after the `retry:` sent with it, to whichever process answers.
 */
export const RECONNECT_EVENT = 'reconnect';

/** The open event streams of this process: counted by /metrics, ended at shutdown. */
const openStreams = processGlobal('sse-streams', () => new Set<{ endForRestart: () => void }>());

/** How many event streams this process holds open. */
export function openEventStreams(): number {
  return openStreams.size;
}

onShutdown('event-streams', 'streams', () => {
  for (const stream of [...openStreams]) stream.endForRestart();
});

/**
 * A server-sent events response (`text/event-stream`). `open` subscribes to the events with the
 * `send` it is given and returns the unsubscribe; it runs before the response exists, so a
 * refusal (the mail server is down) still answers with the usual JSON error. What `open` sends
 * before the body starts (a replay after Last-Event-ID) waits and goes first. A comment line
 * every 15 s keeps proxies from closing a quiet stream; the client going away unsubscribes. At
 * shutdown the stream ends with a `reconnect` event and a short `retry:`.
 */
export async function eventStreamResponse<E>(
  signal: AbortSignal,
  open: (send: (id: string, event: E) => void) => Promise<() => void>,
): Promise<Response> {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const pending: string[] = [`retry: ${RETRY_MS}\n\n`];
  let heartbeat: NodeJS.Timeout | null = null;
  let closed = false;
  let unsubscribe: () => void = () => undefined;

  const write = (text: string) => {
    if (!controller) return void pending.push(text);
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      stop();
    }
  };
  const handle = {
    endForRestart() {
      const retry = SHUTDOWN_RETRY_MS.min + Math.floor(Math.random() * SHUTDOWN_RETRY_MS.spread);
      write(`retry: ${retry}\nevent: ${RECONNECT_EVENT}\ndata: {"retry":${retry}}\n\n`);
      stop();
    },
  };
  function stop() {
    if (closed) return;
    closed = true;
    openStreams.delete(handle);
    if (heartbeat) clearInterval(heartbeat);
    unsubscribe();
    try {
      controller?.close();
    } catch {
      // already closed
    }
  }

  unsubscribe = await open((id, event) => write(`id: ${id}\ndata: ${JSON.stringify(event)}\n\n`));
  openStreams.add(handle);
  signal.addEventListener('abort', stop);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      for (const text of pending.splice(0)) write(text);
      // Ended before the body started (a shutdown): the hint goes out, then the end.
      if (closed) return void c.close();
      heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
    },
    cancel: stop,
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: Next's compression would otherwise hold the events back; nginx buffers
      // a proxied response unless told not to.
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}
