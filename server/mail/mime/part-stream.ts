import 'server-only';
import type { ImapFlow } from 'imapflow';
import { AppError } from '../../errors';
import { fetchMessageOrThrow } from '../access/message-access';
import { collectStreamGarbage } from '../../streams/collect-stream-garbage';

/** The first window, and every window for a reader that keeps up: 1 MiB per FETCH. */
export const MAX_WINDOW = 1024 * 1024;
/** The smallest window: one FETCH per 64 ms for a reader taking 1 MB/s. */
export const MIN_WINDOW = 64 * 1024;
/** A window holds what the reader takes in about this long. */
const WINDOW_MS = 50;
/** The reader's pace is what it took over this last stretch. */
const PACE_SPAN_MS = 1000;
/** A stream running longer than this helps collect its garbage (collect-stream-garbage.ts). */
const LONG_STREAM_MS = 1000;

/**
 * How fast the reader takes a stream, over its last second, and so how large the next FETCH
 * window should be: what the reader takes in about 50 ms, between 64 KiB and 1 MiB, in whole
 * 4 KiB pages. One hand-over alone says little: a small chunk fits into the socket's send
 * buffer at once even when the reader is slow.
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
    const span = Math.min(PACE_SPAN_MS, now - this.startedAt);
    if (!(span > 0)) return MAX_WINDOW;
    const bytes = this.handed.reduce((sum, h) => sum + h.bytes, 0);
    const fits = Math.floor(((bytes / span) * WINDOW_MS) / 4096) * 4096;
    return Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, fits));
  }
}

export interface PartStream {
  body: ReadableStream<Uint8Array>;
  /** Settles when the body ended, failed, was cancelled or stopped and no FETCH of it is in flight. */
  done: Promise<void>;
  /**
   * The client went away: fetch no more, fail the body, settle `done` (once a FETCH in flight
   * ended). For a body that no one will read nor cancel: Next never touches the body of a
   * response whose client left before it was sent (server/mail/attachment.ts).
   */
  stop(): void;
}

/**
 * Streams body part `part` of message `uid` (in the selected mailbox) through FETCH BINARY, so
 * the server undoes the transfer encoding, a window per FETCH, at most one window ahead of the
 * reader (the next is fetched while the reader takes the last). Windows follow the reader's pace
 * (ReaderPace): 1 MiB while it keeps up, down to 64 KiB for a slow one, so that what waits in
 * Wren for a slow reader's socket stays small and short-lived; each window is handed to the
 * response as it is, never copied. (Why windows and not imapflow's download: docs/PERFORMANCE.md.)
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
    first = await fetchWindow(0, MAX_WINDOW);
  } catch (error) {
    if (error instanceof AppError) throw error;
    return null;
  }
  if (!first) return null;

  let offset = first.length;
  let more = first.length === MAX_WINDOW;
  const startedAt = performance.now();
  const pace = new ReaderPace(startedAt);
  // The next window, fetched while the reader takes the one before (one window ahead at most).
  let next: Promise<Buffer> = Promise.resolve(first);
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const end = () => void next.then(settle, settle);
  let stopped = false;
  let control!: ReadableStreamDefaultController<Uint8Array>;

  const fetchNext = async (): Promise<Buffer> => {
    if (offset >= limit) throw new Error('The server sent more of the part than the message holds');
    const size = pace.nextWindow(performance.now());
    const chunk = await fetchWindow(offset, size);
    if (!chunk) throw new Error('The server stopped sending the part decoded');
    // A server that ignores the window answers with more than asked: that is the rest.
    more = chunk.length === size;
    offset += chunk.length;
    return chunk;
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        control = controller;
      },
      async pull(controller) {
        try {
          const chunk = await next;
          if (stopped) return;
          if (chunk.length) controller.enqueue(chunk);
          const now = performance.now();
          pace.record(chunk.length, now);
          if (now - startedAt > LONG_STREAM_MS) collectStreamGarbage(chunk.length);
          if (more) {
            next = fetchNext();
            next.catch(() => undefined);
          } else {
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
  const stop = () => {
    if (stopped) return;
    stopped = true;
    // Nothing erred on an ended stream: error() is a no-op there.
    control.error(new Error('The client went away'));
    end();
  };
  return { body, done, stop };
}
