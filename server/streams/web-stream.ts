import 'server-only';
import type { Readable } from 'node:stream';

/**
 * A web ReadableStream over a Node Readable, for a route handler's Response body. It asks for
 * the next chunk only when the response wants one (highWaterMark 0: the source's own buffer, at
 * most a chunk, is all that is read ahead) and hands the Buffer on as it is. `Readable.toWeb`
 * copies every chunk (to detach it from Node's buffer pool, which matters only to a reader that
 * transfers buffers: Next writes them to the socket) and reads ahead: for a 25 MB attachment
 * read at 1 MB/s that was a third of the garbage Wren made, and the collector let it pile up
 * past 30 MB before it ran. Cancelling (the client went away) destroys the source, which ends
 * its IMAP download.
 */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  const chunks: AsyncIterator<Buffer> = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        source.destroy();
        await chunks.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
