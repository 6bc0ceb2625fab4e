import { describe, expect, it } from 'vitest';
import { splitLinks } from './links';

describe('splitLinks', () => {
  it('turns URLs and addresses into links and keeps the text around them', () => {
    expect(splitLinks('see https://example.org/wren, or mail bob@example.com.')).toEqual([
      { text: 'see ' },
      { text: 'https://example.org/wren', href: 'https://example.org/wren' },
      { text: ', or mail ' },
      { text: 'bob@example.com', href: 'mailto:bob@example.com' },
      { text: '.' },
    ]);
  });

  it('leaves markup as text: it is never parsed as HTML', () => {
    expect(splitLinks('<script>alert(1)</script>')).toEqual([{ text: '<script>alert(1)</script>' }]);
  });

  it('does not link javascript: pseudo-URLs', () => {
    expect(splitLinks('javascript:alert(1)').every((p) => !p.href)).toBe(true);
  });
});
