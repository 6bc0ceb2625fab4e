import 'server-only';
import type { Readable } from 'node:stream';

/**
 * A Node stream as a web stream that reads ahead at most two chunks of what the client has
 * taken. Node 20's Readable.toWeb reads ahead without bound: a client reading a 25 MB attachment
 * at 1 MB/s had the whole file queued in Wren's memory. Here a slow reader slows the IMAP
 * download instead (imapflow waits for 'drain' between chunks).
 */
export function toPullStream(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(typeof value === 'string' ? Buffer.from(value) : (value as Uint8Array));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel(reason) {
        source.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    // Two chunks ahead (2 MiB for an attachment): the next IMAP fetch overlaps the send, and a
    // slow reader still holds at most that much.
    { highWaterMark: 2 },
  );
}
