import { describe, expect, it } from 'vitest';
import { fitAttachments } from './attachment-limit';

const MB = 1024 * 1024;

describe('fitAttachments', () => {
  it('accepts files while the total stays within the limit', () => {
    expect(fitAttachments(0, [{ name: 'a', size: 10 * MB }, { name: 'b', size: 15 * MB }], 25 * MB)).toEqual({ accepted: [0, 1], refusal: null });
  });

  it('refuses a file one byte over, naming it and the limit', () => {
    const { accepted, refusal } = fitAttachments(0, [{ name: 'big.bin', size: 25 * MB + 1 }], 25 * MB);
    expect(accepted).toEqual([]);
    expect(refusal).toBe('“big.bin” (25 MB) is too large to attach: attachments are limited to 25 MB in all.');
  });

  it('counts what is attached already and keeps taking smaller files after a refused one', () => {
    const { accepted, refusal } = fitAttachments(20 * MB, [{ name: 'x', size: 6 * MB }, { name: 'y', size: 1 * MB }, { name: 'z', size: 5 * MB }], 25 * MB);
    expect(accepted).toEqual([1]);
    expect(refusal).toMatch(/^“x” \(6\.0 MB\), “z” \(5\.0 MB\) are too large/);
  });
});
