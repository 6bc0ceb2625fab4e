import { describe, expect, it } from 'vitest';
import { formatFullDate, formatListDate, formatSize } from './format';

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

describe('in the user language and time zone', () => {
  const at = '2026-03-05T23:30:00Z';
  it('writes German dates and sizes', () => {
    expect(formatFullDate(at, { locale: 'de', timeZone: 'Europe/Berlin' })).toBe('06.03.2026, 00:30');
    expect(formatListDate(at, new Date('2026-06-01T12:00:00Z'), { locale: 'de', timeZone: 'Europe/Berlin' })).toBe('6. März');
    expect(formatSize(1536, 'de')).toBe('1,5 KB');
  });
  it('takes the day in the time zone given', () => {
    const now = new Date('2026-03-06T08:00:00Z');
    expect(formatListDate(at, now, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('00:30');
    expect(formatListDate(at, now, { locale: 'en-GB', timeZone: 'UTC' })).toBe('5 Mar');
  });
});
