import 'server-only';
import type { ImapFlow } from 'imapflow';
import { AppError } from '../../errors';
import { fetchMessageOrThrow } from '../access/message-access';
import { collectStreamGarbage } from '../../streams/collect-stream-garbage';

/** The first window: 1 MiB. */
export const FIRST_WINDOW = 1024 * 1024;
/**
 * The largest window for a reader that the windows hold back (it waited for each of the last
 * ones): Dovecot spends about 8 ms on every FETCH of a window whatever its size, so a fast reader
 * gets its bytes sooner in fewer, larger windows (docs/PERFORMANCE.md, "Attachment windows").
 * 4 MiB, not 8: with 8 MiB windows a fast download grew Wren by up to 31 MB of the 32 allowed.
 */
export const MAX_WINDOW = 4 * 1024 * 1024;
/** The largest window for a reader that takes its windows later than they arrive. */
export const STEADY_WINDOW = 1024 * 1024;
/** The smallest window: one FETCH per 64 ms for a reader taking 1 MB/s. */
export const MIN_WINDOW = 64 * 1024;
/** A window holds what the reader takes in about this long. */
const WINDOW_MS = 50;
/** The reader's pace is what it took over this last stretch. */
const PACE_SPAN_MS = 1000;
/**
 * ...and, for a window past STEADY_WINDOW, over no less than this: a socket's buffers take a few
 * MB at once even from a reader that then takes 1 MB/s, and that must not grow the windows far
 * (judged over 100 ms, Wren grew by 33 MB with a 1 MB/s reader in one bench run).
 */
const GROWTH_SPAN_MS = 250;
/** A window past STEADY_WINDOW holds at most what the reader took in about this long. */
const GROWTH_WINDOW_MS = 100;
/** A stream running longer than this helps collect its garbage (collect-stream-garbage.ts). */
const LONG_STREAM_MS = 1000;

const wholePages = (bytes: number) => Math.floor(bytes / 4096) * 4096;

/**
 * How fast the reader takes a stream, over its last second, and so how large the next FETCH
 * window should be: what the reader takes in about 50 ms, between 64 KiB and 1 MiB, in whole
 * 4 KiB pages. One hand-over alone says little: a small chunk fits into the socket's send
 * buffer at once even when the reader is slow. A reader that waited for the last window (IMAP,
 * not the reader, is what holds the stream back) gets windows past 1 MiB: twice the last one at
 * most, what it takes in 100 ms judged over at least 250 ms, up to MAX_WINDOW.
 */
export class ReaderPace {
  private readonly handed: { at: number; bytes: number }[] = [];

  constructor(private readonly startedAt: number) {}

  /** The reader was handed `bytes` at `at` (ms, performance.now()). */
  record(bytes: number, at: number): void {
    this.handed.push({ at, bytes });
  }

  /**
   * The window to fetch next, at `now`; `grow` when the reader waited for the last window,
   * which was `grow.last` bytes.
   */
  nextWindow(now: number, grow?: { last: number }): number {
    while (this.handed.length && this.handed[0].at < now - PACE_SPAN_MS) this.handed.shift();
    const span = Math.min(PACE_SPAN_MS, now - this.startedAt);
    const bytes = this.handed.reduce((sum, h) => sum + h.bytes, 0);
    const steady = span > 0 ? Math.min(STEADY_WINDOW, Math.max(MIN_WINDOW, wholePages((bytes / span) * WINDOW_MS))) : STEADY_WINDOW;
    if (!grow) return steady;
    const judged = wholePages((bytes / Math.max(GROWTH_SPAN_MS, span)) * GROWTH_WINDOW_MS);
    return Math.max(steady, Math.min(MAX_WINDOW, 2 * grow.last, judged));
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
 * reader (the next is fetched while the reader takes the last). Windows follow the reader
 * (ReaderPace): for one that waits on IMAP they grow from 1 MiB up to 4 MiB (fewer FETCHes);
 * for one that takes them later than they come, 1 MiB down to 64 KiB, so that what waits in
 * Wren for a slow reader's socket stays small and short-lived. Each window is handed to the
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
    first = await fetchWindow(0, FIRST_WINDOW);
  } catch (error) {
    if (error instanceof AppError) throw error;
    return null;
  }
  if (!first) return null;

  let offset = first.length;
  let more = first.length === FIRST_WINDOW;
  let lastSize = FIRST_WINDOW;
  const startedAt = performance.now();
  const pace = new ReaderPace(startedAt);
  // The next window, fetched while the reader takes the one before (one window ahead at most),
  // and whether it has arrived (a reader that asks for it before it has waits on IMAP).
  let next: Promise<Buffer> = Promise.resolve(first);
  let arrived = true;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const end = () => void next.then(settle, settle);
  let stopped = false;
  let control!: ReadableStreamDefaultController<Uint8Array>;

  const fetchNext = async (size: number): Promise<Buffer> => {
    if (offset >= limit) throw new Error('The server sent more of the part than the message holds');
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
          const waited = !arrived;
          const chunk = await next;
          if (stopped) return;
          if (chunk.length) controller.enqueue(chunk);
          const now = performance.now();
          pace.record(chunk.length, now);
          if (now - startedAt > LONG_STREAM_MS) collectStreamGarbage(chunk.length);
          if (more) {
            const size = pace.nextWindow(now, waited ? { last: lastSize } : undefined);
            lastSize = size;
            arrived = false;
            next = fetchNext(size);
            next.then(
              () => (arrived = true),
              () => (arrived = true),
            );
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
