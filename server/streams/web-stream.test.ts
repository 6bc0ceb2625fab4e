import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toWebStream } from './web-stream';

describe('toWebStream', () => {
  it('hands each Buffer on as it is (no copy), in order, and ends with the source', async () => {
    const chunks = [Buffer.alloc(1024 * 1024, 1), Buffer.alloc(64 * 1024, 2)];
    // A byte stream, as imapflow's downloads and the image proxy's responses are, giving a chunk
    // when asked (several chunks waiting in it would be joined by Node on read()).
    const queue = [...chunks];
    const source = new Readable({
      highWaterMark: 0,
      read() {
        this.push(queue.shift() ?? null);
      },
    });
    const reader = toWebStream(source).getReader();
    const first = await reader.read();
    const second = await reader.read();
    expect(first.value).toBe(chunks[0]);
    expect(second.value).toBe(chunks[1]);
    expect((await reader.read()).done).toBe(true);
  });

  it('reads at most one chunk ahead of the reader (the source stream\'s own), and cancelling destroys the source', async () => {
    let pulled = 0;
    const source = new Readable({
      highWaterMark: 0,
      read() {
        pulled++;
        this.push(Buffer.alloc(16));
      },
    });
    const reader = toWebStream(source).getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const settled = pulled;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBe(settled);
    expect(settled).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(source.destroyed).toBe(true);
  });
});
