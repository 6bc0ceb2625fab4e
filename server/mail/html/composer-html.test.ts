import { describe, expect, it } from 'vitest';
import { textToHtml } from '@/lib/compose';
import { sanitizeComposerHtml } from './composer-html';

describe('composer HTML', () => {
  it('keeps formatting, lists, quotes and safe links; drops script, remote images, styles and handlers', () => {
    const dirty =
      '<p style="color:red" onclick="x()"><b>bold</b> <a href="https://x.org" target="_blank">l</a> <a href="javascript:alert(1)">j</a></p>' +
      '<script>alert(1)</script><img src="https://tracker/x.png"><blockquote><ul><li>i</li></ul></blockquote><style>p{}</style>';
    const clean = sanitizeComposerHtml(dirty);
    expect(clean).toBe('<p><b>bold</b> <a href="https://x.org">l</a> <a>j</a></p><blockquote><ul><li>i</li></ul></blockquote>');
  });

  it('keeps an image only when it names a part of the message (cid:); cid: is no link', () => {
    const dirty =
      '<p><img src="cid:logo@x" alt="Logo" width="9" onerror="x()"><img src="data:image/png;base64,AAAA"><img src="/api/messages/1/attachments/2?inline=1">' +
      '<img alt="none"><img src="CID:Other.Part@y"><a href="cid:logo@x">c</a></p>';
    expect(sanitizeComposerHtml(dirty)).toBe('<p><img src="cid:logo@x" alt="Logo"><img src="CID:Other.Part@y"><a>c</a></p>');
  });

  it('the signature block’s mark stays only where asked (what the user writes); other data attributes never', () => {
    const dirty = '<p data-x="1">Hi</p><div data-wren-signature=""><p>— Me</p></div>';
    expect(sanitizeComposerHtml(dirty, { keepSignatureMark: true })).toBe('<p>Hi</p><div data-wren-signature=""><p>— Me</p></div>');
    expect(sanitizeComposerHtml(dirty)).toBe('<p>Hi</p><div><p>— Me</p></div>');
  });

  it('text becomes escaped paragraphs', () => {
    expect(textToHtml('a <b>\nline\n\nnext')).toBe('<p>a &lt;b&gt;<br>line</p><p>next</p>');
  });
});
