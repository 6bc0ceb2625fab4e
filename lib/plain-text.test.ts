import { describe, expect, it } from 'vitest';
import { textToParagraphs } from './plain-text';

describe('textToParagraphs', () => {
  it('makes paragraphs at blank lines and line breaks inside them', () => {
    expect(textToParagraphs('Hi Ann,\n\nLine one\r\nLine two')).toBe('<p>Hi Ann,</p><p>Line one<br>Line two</p>');
  });

  it('escapes markup: typed text never becomes HTML', () => {
    expect(textToParagraphs('<b>x</b> & "y"')).toBe('<p>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</p>');
  });

  it('gives one empty paragraph for empty text', () => {
    expect(textToParagraphs('')).toBe('<p></p>');
  });
});
