import { describe, expect, it } from 'vitest';
import { formatListDate, formatSize } from './format';

describe('formatListDate', () => {
  const now = new Date(2026, 10, 25, 15, 0);

  it('shows the time for a message from today', () => {
    const text = formatListDate(new Date(2026, 10, 25, 9, 5).toISOString(), now);
    expect(text).toMatch(/09.05|9.05/);
    expect(text).not.toMatch(/Nov/);
  });

  it('shows the date for an earlier day, with the year when it is another year', () => {
    expect(formatListDate(new Date(2026, 10, 20, 9, 5).toISOString(), now)).toMatch(/Nov/);
    expect(formatListDate(new Date(2024, 0, 3).toISOString(), now)).toMatch(/2024/);
  });

  it('returns an empty string for an invalid date', () => {
    expect(formatListDate('not a date', now)).toBe('');
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [25 * 1024 * 1024, '25 MB'],
  ])('%i bytes -> %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
