import { describe, expect, it } from 'vitest';
import { MAX_WINDOW, MIN_WINDOW, ReaderPace, STEADY_WINDOW } from './part-stream';

const MiB = 1024 * 1024;

/** The window for a reader handed `bytes` every `everyMs` for `forMs`, asked half a step later. */
function steady(bytes: number, everyMs: number, forMs: number): number {
  const pace = new ReaderPace(0);
  for (let t = 0; t <= forMs; t += everyMs) pace.record(bytes, t);
  return pace.nextWindow(forMs + everyMs / 2);
}

describe('ReaderPace: the next FETCH window', () => {
  it('is 1 MiB before anything was handed on, and for a reader that keeps up (tens of MB/s)', () => {
    expect(new ReaderPace(0).nextWindow(0)).toBe(STEADY_WINDOW);
    expect(steady(MiB, 10, 3000)).toBe(STEADY_WINDOW);
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
    expect(pace.nextWindow(100)).toBe(STEADY_WINDOW);
    pace.record(64 * 1024, 1500);
    expect(pace.nextWindow(2000)).toBe(MIN_WINDOW);
  });

  it('windows are whole 4 KiB pages', () => {
    const window = steady(3 * MiB, 1000, 5000);
    expect(window % 4096).toBe(0);
    expect(window).toBeGreaterThan(MIN_WINDOW);
    expect(window).toBeLessThan(STEADY_WINDOW);
  });
});

describe('ReaderPace: windows for a reader that waited for the last one', () => {
  it('grow from 1 MiB, at most doubling, up to 4 MiB, for a reader taking hundreds of MB/s', () => {
    const pace = new ReaderPace(0);
    const windows: number[] = [];
    let last = MiB;
    // The reader takes each window 1 ms after it asked (250 MiB/s and more), for 200 ms.
    for (let t = 1; t <= 200 && windows.length < 12; t += 4) {
      pace.record(last, t);
      last = pace.nextWindow(t, { last });
      windows.push(last);
    }
    for (let i = 1; i < windows.length; i++) expect(windows[i]).toBeLessThanOrEqual(2 * windows[i - 1]);
    expect(windows.at(-1)).toBe(MAX_WINDOW);
    expect(Math.max(...windows)).toBe(MAX_WINDOW);
  });

  it('grow to less than half of a socket buffer\'s first gulp (5 MiB at once)', () => {
    const pace = new ReaderPace(0);
    for (let t = 1; t <= 5; t++) pace.record(MiB, t);
    // 5 MiB taken, judged over at least 250 ms: 2 MiB per 100 ms, however fast the gulp.
    expect(pace.nextWindow(6, { last: 4 * MiB })).toBe(2 * MiB);
    // 2 MiB taken: no growth at all.
    const small = new ReaderPace(0);
    for (let t = 1; t <= 2; t++) small.record(MiB, t);
    expect(small.nextWindow(3, { last: MiB })).toBe(STEADY_WINDOW);
  });

  it('do not grow for a reader that takes its windows later than they come (no grow asked)', () => {
    const pace = new ReaderPace(0);
    for (let t = 0; t <= 200; t += 1) pace.record(MiB, t);
    expect(pace.nextWindow(201)).toBe(STEADY_WINDOW);
    // A slow reader (1 MiB/s) that waited once still gets a window sized to its pace: 100 ms of it.
    const slow = new ReaderPace(0);
    for (let t = 0; t <= 5000; t += 62.5) slow.record(64 * 1024, t);
    expect(slow.nextWindow(5031, { last: 64 * 1024 })).toBeLessThanOrEqual(2 * MIN_WINDOW);
  });
});
