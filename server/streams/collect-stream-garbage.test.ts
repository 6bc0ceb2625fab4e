import { PerformanceObserver, constants } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { COLLECT_EVERY_BYTES, collectStreamGarbage } from './collect-stream-garbage';

/** The kinds of the collections V8 runs while `fn` runs (performance 'gc' entries). */
async function collectionsDuring(fn: () => void): Promise<number[]> {
  const kinds: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) kinds.push((entry as unknown as { detail: { kind: number } }).detail.kind);
  });
  observer.observe({ entryTypes: ['gc'] });
  fn();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return kinds;
}

describe('collectStreamGarbage', () => {
  it('runs a minor collection once 2 MB were streamed, and none before', async () => {
    const before = await collectionsDuring(() => collectStreamGarbage(COLLECT_EVERY_BYTES / 4));
    expect(before).not.toContain(constants.NODE_PERFORMANCE_GC_MINOR);
    const after = await collectionsDuring(() => collectStreamGarbage(COLLECT_EVERY_BYTES));
    expect(after).toContain(constants.NODE_PERFORMANCE_GC_MINOR);
  });
});
