import { describe, expect, it } from 'vitest';
import { worthFetchingAhead } from './prefetch';

const nav = (onLine: boolean, connection?: { saveData?: boolean; effectiveType?: string }) => ({ onLine, connection }) as unknown as Navigator;

describe('worthFetchingAhead', () => {
  it('fetches ahead online on a fast or unknown connection', () => {
    expect(worthFetchingAhead(nav(true))).toBe(true);
    expect(worthFetchingAhead(nav(true, { effectiveType: '4g' }))).toBe(true);
    expect(worthFetchingAhead(nav(true, { effectiveType: '3g', saveData: false }))).toBe(true);
  });
  it('does not offline, with Save-Data, or on 2G', () => {
    expect(worthFetchingAhead(nav(false))).toBe(false);
    expect(worthFetchingAhead(nav(true, { saveData: true, effectiveType: '4g' }))).toBe(false);
    expect(worthFetchingAhead(nav(true, { effectiveType: '2g' }))).toBe(false);
    expect(worthFetchingAhead(nav(true, { effectiveType: 'slow-2g' }))).toBe(false);
  });
});
