import { describe, expect, it } from 'vitest';
import { formatFullDate, formatListDate, formatSize, listDateSeed, plainNumber, seededListDate } from './format';

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

describe('figures without Intl (#22: no ICU start in the mail view\'s hydration)', () => {
  const intl = (value: number, locale: string, digits: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(value);

  it.each(['en', 'de'])('writes counts and sizes in %s as Intl does', (locale) => {
    for (let n = 0; n < 1000; n++) {
      expect(plainNumber(n, locale)).toBe(new Intl.NumberFormat(locale).format(n));
    }
    // What formatSize writes with one decimal: a size in KB, MB or GB under 10, every KB step of it.
    for (let bytes = 0; bytes < 10 * 1024; bytes += 1) {
      expect(plainNumber(bytes / 1024, locale, 1)).toBe(intl(bytes / 1024, locale, 1));
    }
    for (let mb = 0; mb < 10 * 1024 * 1024; mb += 4093) expect(plainNumber(mb / 1024 / 1024, locale, 1)).toBe(intl(mb / 1024 / 1024, locale, 1));
    expect(plainNumber(999.96, locale, 1)).toBeUndefined();
  });

  it('leaves to Intl what it does not know: other languages, a thousand and more, negatives', () => {
    expect(plainNumber(5, 'ar')).toBeUndefined();
    expect(plainNumber(1000, 'en')).toBeUndefined();
    expect(plainNumber(-1, 'en')).toBeUndefined();
    expect(plainNumber(Number.NaN, 'en')).toBeUndefined();
    expect(formatSize(1023, 'de')).toBe('1023 B');
    expect(formatSize(5 * 1024 * 1024 * 1024 * 1024, 'de')).toBe('5120 GB');
  });
});

describe('list dates formatted ahead (ListDateSeed)', () => {
  const berlin = { locale: 'de', timeZone: 'Europe/Berlin' };
  const isos = ['2026-06-01T09:15:00Z', '2026-05-02T10:00:00Z', '2025-12-24T18:00:00Z'];

  it('labels each date as formatListDate does, until the next midnight in the zone', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const seed = listDateSeed(isos, berlin, now);
    expect(seed.labels).toEqual(Object.fromEntries(isos.map((iso) => [iso, formatListDate(iso, now, berlin)])));
    expect(seed.labels[isos[0]]).toBe('11:15');
    expect(new Date(seed.until).toISOString()).toBe('2026-06-01T22:00:00.000Z');
  });

  it('ends at midnight on the day clocks go forward, and never after midnight on the day they go back', () => {
    // Europe/Berlin: 29 March 2026 has 23 hours, 25 October 2026 has 25.
    expect(new Date(listDateSeed([], berlin, new Date('2026-03-29T00:30:00Z')).until).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const back = listDateSeed([], berlin, new Date('2026-10-25T00:30:00Z')).until;
    expect(back).toBeLessThanOrEqual(Date.parse('2026-10-25T23:00:00Z'));
    expect(back).toBeGreaterThanOrEqual(Date.parse('2026-10-25T22:00:00Z'));
  });

  it('is read while it holds, and the date is formatted again after it or for a date it lacks', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const seed = { until: Date.parse('2026-06-01T22:00:00Z'), labels: { [isos[0]]: 'seeded' } };
    expect(seededListDate(seed, isos[0], now, berlin)).toBe('seeded');
    expect(seededListDate(seed, isos[1], now, berlin)).toBe(formatListDate(isos[1], now, berlin));
    const tomorrow = new Date('2026-06-01T22:00:00Z');
    expect(seededListDate(seed, isos[0], tomorrow, berlin)).toBe(formatListDate(isos[0], tomorrow, berlin));
    expect(seededListDate(seed, isos[0], tomorrow, berlin)).toBe('1. Juni');
    expect(seededListDate(undefined, isos[0], now, berlin)).toBe('11:15');
  });
});
