import { describe, expect, it } from 'vitest';
import { MAX_WINDOW, MIN_WINDOW, ReaderPace } from './part-stream';

const MiB = 1024 * 1024;

/** The window for a reader handed `bytes` every `everyMs` for `forMs`, asked half a step later. */
function steady(bytes: number, everyMs: number, forMs: number): number {
  const pace = new ReaderPace(0);
  for (let t = 0; t <= forMs; t += everyMs) pace.record(bytes, t);
  return pace.nextWindow(forMs + everyMs / 2);
}

describe('ReaderPace: the next FETCH window', () => {
  it('is 1 MiB before anything was handed on, and for a reader that keeps up (tens of MB/s)', () => {
    expect(new ReaderPace(0).nextWindow(0)).toBe(MAX_WINDOW);
    expect(steady(MiB, 10, 3000)).toBe(MAX_WINDOW);
  });

  it('is what the reader takes in about 50 ms: 512 KiB at 10 MiB/s, 64 KiB (the least) at 1 MiB/s', () => {
    expect(steady(MiB, 100, 3000)).toBe(512 * 1024);
    expect(steady(64 * 1024, 62.5, 3000)).toBe(MIN_WINDOW);
    // Slower still: never below the least window.
    expect(steady(64 * 1024, 1000, 5000)).toBe(MIN_WINDOW);
  });

  it('judges by the last second only: a fast start followed by a stall gives small windows', () => {
    const pace = new ReaderPace(0);
    for (let t = 0; t < 100; t += 10) pace.record(MiB, t);
    expect(pace.nextWindow(100)).toBe(MAX_WINDOW);
    pace.record(64 * 1024, 1500);
    expect(pace.nextWindow(2000)).toBe(MIN_WINDOW);
  });

  it('windows are whole 4 KiB pages', () => {
    const window = steady(3 * MiB, 1000, 5000);
    expect(window % 4096).toBe(0);
    expect(window).toBeGreaterThan(MIN_WINDOW);
    expect(window).toBeLessThan(MAX_WINDOW);
  });
});
