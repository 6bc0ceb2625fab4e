import { describe, expect, it } from 'vitest';
import { textToHtml } from '@/lib/compose';
import { sanitizeComposerHtml } from './composer-html';

describe('composer HTML', () => {
  it('keeps formatting, lists, quotes and safe links; drops script, images, styles and handlers', () => {
    const dirty =
      '<p style="color:red" onclick="x()"><b>bold</b> <a href="https://x.org" target="_blank">l</a> <a href="javascript:alert(1)">j</a></p>' +
      '<script>alert(1)</script><img src="https://tracker/x.png"><blockquote><ul><li>i</li></ul></blockquote><style>p{}</style>';
    const clean = sanitizeComposerHtml(dirty);
    expect(clean).toBe('<p><b>bold</b> <a href="https://x.org">l</a> <a>j</a></p><blockquote><ul><li>i</li></ul></blockquote>');
  });

  it('text becomes escaped paragraphs', () => {
    expect(textToHtml('a <b>\nline\n\nnext')).toBe('<p>a &lt;b&gt;<br>line</p><p>next</p>');
  });
});
