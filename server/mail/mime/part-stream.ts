import 'server-only';
import type { ImapFlow } from 'imapflow';
import { AppError } from '../../errors';
import { fetchMessageOrThrow } from '../access/message-access';
import { collectStreamGarbage } from '../../streams/collect-stream-garbage';

/** The first window: a part up to this size is one FETCH. */
export const FIRST_WINDOW = 1024 * 1024;
/** Every later window for a reader that keeps up: 2 MiB per FETCH (docs/PERFORMANCE.md, "Attachment windows"). */
export const MAX_WINDOW = 2 * 1024 * 1024;
/** The smallest window: one FETCH per 64 ms for a reader taking 1 MB/s. */
export const MIN_WINDOW = 64 * 1024;
/** Windows in flight (asked for, not yet handed to the reader) for a reader that keeps up; else one. */
export const FAST_AHEAD = 2;
/** A window holds what the reader takes in about this long. */
const WINDOW_MS = 50;
/** The reader's pace is what it took over this last stretch. */
const PACE_SPAN_MS = 1000;
/**
 * ...and over no less than this: what a socket takes at once (its send buffer) says little, so a
 * reader is known to keep up only once it took 4 MiB in its first 100 ms (or the like later).
 */
const MIN_SPAN_MS = 100;
/** A stream running longer than this helps collect its garbage (collect-stream-garbage.ts). */
const LONG_STREAM_MS = 1000;

/**
 * How fast the reader takes a stream, over its last second, and so how large the next FETCH
 * window should be: what the reader takes in about 50 ms, between 64 KiB and 2 MiB, in whole
 * 4 KiB pages. One hand-over alone says little: a small chunk fits into the socket's send
 * buffer at once even when the reader is slow, hence the pace over at least 100 ms.
 */
export class ReaderPace {
  private readonly handed: { at: number; bytes: number }[] = [];

  constructor(private readonly startedAt: number) {}

  /** The reader was handed `bytes` at `at` (ms, performance.now()). */
  record(bytes: number, at: number): void {
    this.handed.push({ at, bytes });
  }

  /** The window to fetch next, at `now`. */
  nextWindow(now: number): number {
    while (this.handed.length && this.handed[0].at < now - PACE_SPAN_MS) this.handed.shift();
    const span = Math.max(MIN_SPAN_MS, Math.min(PACE_SPAN_MS, now - this.startedAt));
    const bytes = this.handed.reduce((sum, h) => sum + h.bytes, 0);
    const fits = Math.floor(((bytes / span) * WINDOW_MS) / 4096) * 4096;
    return Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, fits));
  }
}

/** How many windows to keep in flight for a reader whose next window is `window`: two while it keeps up, else one. */
export function windowsAhead(window: number): number {
  return window >= MAX_WINDOW ? FAST_AHEAD : 1;
}

export interface PartStream {
  body: ReadableStream<Uint8Array>;
  /** Settles when the body ended, failed or was cancelled and no FETCH of it is in flight. */
  done: Promise<void>;
}

/**
 * Streams body part `part` of message `uid` (in the selected mailbox) through FETCH BINARY, so
 * the server undoes the transfer encoding, a window per FETCH. Windows follow the reader's pace
 * (ReaderPace): 2 MiB while it keeps up, down to 64 KiB for a slow one, so that what waits in
 * Wren for a slow reader's socket stays small and short-lived. While the reader takes one
 * window, the next is in flight, and for a reader that keeps up the one after it too
 * (`windowsAhead`): imapflow pipelines them, so Dovecot always has a FETCH to answer and never
 * waits for Wren. Each window is handed to the response as it is, never copied. (Why windows
 * and not imapflow's download, and the sizes measured: docs/PERFORMANCE.md.)
 *
 * Resolves null when the server will not send the part decoded (no BINARY, or Dovecot's
 * UNKNOWN-CTE for an encoding it does not know): the caller then downloads it as sent and
 * decodes it itself. `encodedSize` (from BODYSTRUCTURE) bounds the bytes read, for a server that
 * ignores the window and answers with the whole part every time.
 */
export async function openBinaryPart(client: ImapFlow, uid: number, part: string, encodedSize: number): Promise<PartStream | null> {
  if (!client.capabilities.has('BINARY')) return null;
  const limit = encodedSize * 2 + MAX_WINDOW;
  const fetchWindow = async (start: number, size: number): Promise<Buffer | null> => {
    const msg = await fetchMessageOrThrow(client, uid, { bodyParts: [{ key: part, start, maxLength: size }] }, { binary: true });
    if (!msg.binaryParts?.has(part)) return null;
    return msg.bodyParts?.get(part) ?? Buffer.alloc(0);
  };

  let first: Buffer | null;
  try {
    first = await fetchWindow(0, FIRST_WINDOW);
  } catch (error) {
    if (error instanceof AppError) throw error;
    return null;
  }
  if (!first) return null;

  interface Window {
    size: number;
    chunk: Promise<Buffer>;
  }
  // Asked for and not yet handed on, oldest first; `asked` is where the next one starts.
  const inFlight: Window[] = [{ size: FIRST_WINDOW, chunk: Promise.resolve(first) }];
  let asked = first.length;
  let more = first.length === FIRST_WINDOW;
  const startedAt = performance.now();
  const pace = new ReaderPace(startedAt);
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  // Settles once no FETCH of this stream is in flight (windows asked past the end included).
  const end = () => {
    more = false;
    void Promise.allSettled(inFlight.splice(0).map((w) => w.chunk)).then(settle);
  };

  const askNext = () => {
    if (asked >= limit) {
      const tooLong = Promise.reject(new Error('The server sent more of the part than the message holds'));
      tooLong.catch(() => undefined);
      inFlight.push({ size: 1, chunk: tooLong });
      return;
    }
    const size = pace.nextWindow(performance.now());
    const chunk = fetchWindow(asked, size).then((got) => {
      if (!got) throw new Error('The server stopped sending the part decoded');
      return got;
    });
    chunk.catch(() => undefined);
    inFlight.push({ size, chunk });
    asked += size;
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const window = inFlight.shift()!;
          const chunk = await window.chunk;
          if (chunk.length) controller.enqueue(chunk);
          const now = performance.now();
          pace.record(chunk.length, now);
          if (now - startedAt > LONG_STREAM_MS) collectStreamGarbage(chunk.length);
          // A window shorter than asked is the end of the part (a server that ignores the window
          // answers with more than asked: that is the rest too); a window asked past it is dropped.
          if (chunk.length !== window.size) more = false;
          // While the reader takes this window, the next ones are on their way.
          while (more && inFlight.length < windowsAhead(pace.nextWindow(now))) askNext();
          if (!inFlight.length || !more) {
            controller.close();
            end();
          }
        } catch (error) {
          controller.error(error);
          end();
        }
      },
      cancel() {
        end();
      },
    },
    { highWaterMark: 0 },
  );
  return { body, done };
}
