import { describe, expect, it } from 'vitest';
import { safeFilename } from '@/lib/filename';
import { attachmentHeaders } from './attachment-headers';

describe('attachment headers', () => {
  it('serves non-raster types as opaque downloads with nosniff and a sandbox CSP', () => {
    const h = attachmentHeaders('report.html', 'text/html', true);
    expect(h.get('content-type')).toBe('application/octet-stream');
    expect(h.get('content-disposition')).toMatch(/^attachment; filename="report.html"/);
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('keeps raster images inline only when asked', () => {
    expect(attachmentHeaders('a.png', 'image/png', true).get('content-disposition')).toMatch(/^inline/);
    expect(attachmentHeaders('a.png', 'image/png', false).get('content-disposition')).toMatch(/^attachment/);
    expect(attachmentHeaders('a.svg', 'image/svg+xml', true).get('content-type')).toBe('application/octet-stream');
  });

  it('encodes non-ASCII names per RFC 6266 / 5987', () => {
    const value = attachmentHeaders('résumé €.pdf', 'application/pdf', false).get('content-disposition')!;
    expect(value).toContain("filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%82%AC.pdf");
    expect(value).toMatch(/filename="[\x20-\x7e]+"/);
  });

  it('strips paths, control characters and leading dots', () => {
    expect(safeFilename('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFilename('a\r\nb.txt')).toBe('ab.txt');
    expect(safeFilename('...')).toBe('attachment');
    expect(safeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });
});
