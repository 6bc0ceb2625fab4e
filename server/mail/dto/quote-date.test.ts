import { describe, expect, it } from 'vitest';
import { quoteDateFormatter } from './compose-mappers';

// The reply's quote line dates the original in the user's language and time zone; a request
// without the browser's zone (an API client) gets UTC, named.
describe('quoteDateFormatter', () => {
  it('in the browser’s time zone, in the user’s language', () => {
    expect(quoteDateFormatter({ locale: 'de', timeZone: 'Asia/Tokyo' })('2024-03-01T08:00:00Z')).toBe('01.03.2024, 17:00');
    expect(quoteDateFormatter({ locale: 'en', timeZone: 'America/New_York' })('2024-03-01T08:00:00Z')).toBe('Mar 1, 2024, 3:00 AM');
  });

  it('without a time zone: UTC, and it says so', () => {
    expect(quoteDateFormatter({ locale: 'en' })('2024-03-01T08:00:00Z')).toBe('Mar 1, 2024, 8:00 AM UTC');
    expect(quoteDateFormatter({ locale: 'de' })('2024-03-01T08:00:00Z')).toBe('1. März 2024, 08:00 UTC');
  });

  it('an unreadable date is given back as it came', () => {
    expect(quoteDateFormatter({ locale: 'en' })('yesterday')).toBe('yesterday');
  });
});
