import { describe, expect, it } from 'vitest';
import { addressWaitAfter, IP_MAX_WAIT_S, waitAfter } from './throttle';

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

describe('an address waits a few seconds at most, and is never refused', () => {
  const now = 1_000_000;
  it('lets the first failures go, then doubles up to IP_MAX_WAIT_S', () => {
    expect(addressWaitAfter(49, now, 50, now)).toBe(0);
    expect(addressWaitAfter(50, now, 50, now)).toBe(1);
    expect(addressWaitAfter(52, now, 50, now)).toBe(IP_MAX_WAIT_S);
    expect(addressWaitAfter(5000, now, 50, now)).toBe(IP_MAX_WAIT_S);
    expect(addressWaitAfter(5000, now - IP_MAX_WAIT_S * 1000, 50, now)).toBe(0);
  });
});
