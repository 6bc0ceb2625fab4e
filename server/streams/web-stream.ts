import 'server-only';
import type { Readable } from 'node:stream';

/**
 * A web ReadableStream over a Node Readable, for a route handler's Response body. It asks for
 * the next chunk only when the response wants one (highWaterMark 0: the source's own buffer, at
 * most a chunk, is all that is read ahead) and hands each Buffer on as it is, uncopied.
 * `Readable.toWeb` copies every chunk and reads ahead, which multiplies the garbage a long
 * download leaves (docs/PERFORMANCE.md). Cancelling (the client went away) destroys the
 * source, which ends its IMAP download.
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
