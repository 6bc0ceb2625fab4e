import { describe, expect, it } from 'vitest';
import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { MAX_PREVIEW_CHARS, normalizePreview, previewOf } from './fetch-preview';

/** An untagged FETCH line as imapflow's own parser reads it (literals given apart, as its reader does). */
const reply = (line: string, literals: Buffer[] = []) => parser(Buffer.from(line, 'latin1'), { literals });

describe('previewOf', () => {
  it('reads a quoted PREVIEW, as Dovecot sends ASCII text', async () => {
    const untagged = await reply('* 2 FETCH (UID 2 PREVIEW "Lunch is at noon. Please bring marmalade sandwiches.")');
    expect(previewOf(untagged)).toBe('Lunch is at noon. Please bring marmalade sandwiches.');
  });

  it('reads a literal PREVIEW as UTF-8, as Dovecot sends text that is not ASCII', async () => {
    const text = Buffer.from('Shall we meet at the café on Friday? Bis bald!');
    const untagged = await reply(`* 7 FETCH (UID 7 FLAGS (\\Seen) PREVIEW {${text.length}}\r\n)`, [text]);
    expect(previewOf(untagged)).toBe('Shall we meet at the café on Friday? Bis bald!');
  });

  it('has none for NIL, an empty preview, or a reply without PREVIEW', async () => {
    expect(previewOf(await reply('* 1 FETCH (UID 1 PREVIEW NIL FLAGS ())'))).toBeUndefined();
    expect(previewOf(await reply('* 1 FETCH (UID 1 PREVIEW "")'))).toBeUndefined();
    expect(previewOf(await reply('* 1 FETCH (UID 1 FLAGS (\\Seen))'))).toBeUndefined();
    expect(previewOf({})).toBeUndefined();
  });

  it('finds PREVIEW wherever it stands among the items, in any case', async () => {
    const untagged = await reply('* 3 FETCH (UID 3 RFC822.SIZE 120 ENVELOPE (NIL "Hi" NIL NIL NIL NIL NIL NIL NIL NIL) preview "Tail")');
    expect(previewOf(untagged)).toBe('Tail');
  });
});

describe('normalizePreview', () => {
  it('strips control characters and bidi overrides, and collapses whitespace', () => {
    expect(normalizePreview('  Hi\r\n\tAlice,\u0000\u0007 see\u001b[31m you\u202e later\u0085  ')).toBe('Hi Alice, see [31m you later');
  });

  it('keeps markup as text: the row shows it, never renders it', () => {
    expect(normalizePreview('<b>bold</b> & <img src=x onerror=alert(1)>')).toBe('<b>bold</b> & <img src=x onerror=alert(1)>');
  });

  it(`cuts at ${MAX_PREVIEW_CHARS} characters, never inside a character outside the BMP`, () => {
    const long = '🐦'.repeat(150) + 'x'.repeat(150);
    const cut = normalizePreview(long)!;
    expect(Array.from(cut)).toHaveLength(MAX_PREVIEW_CHARS);
    expect(cut.startsWith('🐦'.repeat(150) + 'x')).toBe(true);
    expect(cut).not.toMatch(/[\ud800-\udbff]$/);
  });

  it('decodes a literal Buffer as UTF-8 and has nothing for what is not text', () => {
    expect(normalizePreview(Buffer.from('Grüße'))).toBe('Grüße');
    expect(normalizePreview(null)).toBeUndefined();
    expect(normalizePreview(42)).toBeUndefined();
    expect(normalizePreview(' \r\n ')).toBeUndefined();
  });
});
