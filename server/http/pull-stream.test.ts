import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toPullStream } from './pull-stream';

// A client that reads slowly must slow the source down, not make Wren queue the whole file.

function source(chunks: number) {
  let produced = 0;
  const stream = new Readable({
    read() {
      produced++;
      this.push(produced > chunks ? null : Buffer.alloc(64 * 1024, produced));
    },
  });
  return { stream, produced: () => produced };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('toPullStream', () => {
  it('a reader that took one chunk has made the source produce only a few', async () => {
    const { stream, produced } = source(400);
    const reader = toPullStream(stream).getReader();
    expect((await reader.read()).value?.length).toBe(64 * 1024);
    await settle();
    expect(produced()).toBeLessThanOrEqual(6);
    await reader.cancel();
    expect(stream.destroyed).toBe(true);
  });

  it('a reader that reads everything gets every byte, in order, then done', async () => {
    const { stream } = source(40);
    const reader = toPullStream(stream).getReader();
    const seen: number[] = [];
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) seen.push(chunk.value[0]);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('a source that fails errors the web stream', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('IMAP connection lost'));
      },
    });
    await expect(toPullStream(failing).getReader().read()).rejects.toThrow('IMAP connection lost');
  });
});
