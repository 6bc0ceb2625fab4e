/**
 * A filename safe to show and to save on any OS: the basename only, no control characters, no
 * bidi controls (which make "invoice\u202Efdp.exe" read as "invoiceexe.pdf"), bounded.
 */
export function safeFilename(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}
