import { describe, expect, it } from 'vitest';
import { emlFilename } from './eml-filename';

describe('emlFilename', () => {
  it('names the file after the subject, made safe', () => {
    expect(emlFilename('Quarterly report: Q3/Q4')).toBe('Quarterly report_ Q3_Q4.eml');
    expect(emlFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe.eml');
    expect(emlFilename('../../etc/passwd')).toBe('_.._etc_passwd.eml');
  });

  it('falls back to "message" without a subject, and stays short', () => {
    expect(emlFilename(undefined)).toBe('message.eml');
    expect(emlFilename('   ')).toBe('message.eml');
    expect(emlFilename('x'.repeat(500))).toBe(`${'x'.repeat(100)}.eml`);
  });
});
