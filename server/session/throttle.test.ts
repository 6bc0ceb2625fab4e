import { describe, expect, it } from 'vitest';
import { waitAfter } from './throttle';

describe('sign-in backoff', () => {
  const now = 1_000_000;
  it('three failures are free, then each doubles the wait, at most a minute', () => {
    expect(waitAfter(3, now, 10, 900, now)).toBe(1);
    expect(waitAfter(2, now, 10, 900, now)).toBe(0);
    expect(waitAfter(5, now, 10, 900, now)).toBe(4);
    expect(waitAfter(5, now - 4000, 10, 900, now)).toBe(0);
    expect(waitAfter(9, now, 100, 900, now)).toBe(60);
  });

  it('at the limit, refused until the window ends', () => {
    expect(waitAfter(10, now, 10, 900, now)).toBe(900);
    expect(waitAfter(10, now - 600_000, 10, 900, now)).toBe(300);
  });
});
