import { beforeEach, describe, expect, it } from 'vitest';
import { cachedRowCount, forgetRows, knownRows, MAX_ROWS, rememberRows, type FixedRow } from './row-cache';

const row = (subject: string): FixedRow => ({ from: null, subject, date: '2026-01-01T00:00:00.000Z', size: 1, hasAttachments: false });
const rows = (from: number, count: number): [number, FixedRow][] => Array.from({ length: count }, (_, i) => [from + i, row(`m${from + i}`)]);

beforeEach(() => {
  forgetRows('alice');
  forgetRows('bob');
});

describe('row cache', () => {
  it('knows the rows a user listed, per folder and UIDVALIDITY, and no other user sees them', () => {
    expect(knownRows('alice', 'INBOX', 1n)).toBeUndefined();
    rememberRows('alice', 'INBOX', 1n, rows(1, 3));
    expect(knownRows('alice', 'INBOX', 1n)?.get(2)?.subject).toBe('m2');
    expect(knownRows('alice', 'INBOX', 2n)).toBeUndefined();
    expect(knownRows('alice', 'Archive', 1n)).toBeUndefined();
    expect(knownRows('bob', 'INBOX', 1n)).toBeUndefined();
  });

  it('a sign-out forgets all of that user\'s rows and only theirs', () => {
    rememberRows('alice', 'INBOX', 1n, rows(1, 3));
    rememberRows('alice', 'Archive', 1n, rows(1, 2));
    rememberRows('bob', 'INBOX', 1n, rows(1, 4));
    const before = cachedRowCount();
    forgetRows('alice');
    expect(knownRows('alice', 'INBOX', 1n)).toBeUndefined();
    expect(knownRows('alice', 'Archive', 1n)).toBeUndefined();
    expect(knownRows('bob', 'INBOX', 1n)?.size).toBe(4);
    expect(cachedRowCount()).toBe(before - 5);
  });

  it(`holds at most ${MAX_ROWS} rows: the folder used longest ago goes first, then a folder's oldest rows`, () => {
    rememberRows('alice', 'Old', 1n, rows(1, 10));
    rememberRows('alice', 'Used', 1n, rows(1, 10));
    rememberRows('bob', 'Big', 1n, rows(1, MAX_ROWS - 30));
    knownRows('alice', 'Used', 1n);
    rememberRows('bob', 'Big', 1n, rows(MAX_ROWS, 15));
    expect(knownRows('alice', 'Old', 1n)).toBeUndefined();
    expect(knownRows('alice', 'Used', 1n)?.size).toBe(10);
    expect(cachedRowCount()).toBeLessThanOrEqual(MAX_ROWS);
    // One folder past the cap on its own keeps its newest rows.
    forgetRows('alice');
    rememberRows('bob', 'Big', 1n, rows(2 * MAX_ROWS, 100));
    const big = knownRows('bob', 'Big', 1n)!;
    expect(cachedRowCount()).toBe(MAX_ROWS);
    expect(big.has(1)).toBe(false);
    expect(big.has(2 * MAX_ROWS + 99)).toBe(true);
  });
});
