import { describe, expect, it } from 'vitest';
import { cssSetsColors } from './own-colors';
import { sanitizeMailHtml } from './sanitize';

const noCid = { resolveCid: () => null };
const ownColors = (html: string) => sanitizeMailHtml(html, noCid).ownColors;

describe('cssSetsColors', () => {
  it('finds text colours and backgrounds, in declarations and sheets', () => {
    expect(cssSetsColors('color: #333')).toBe(true);
    expect(cssSetsColors('font-size:12px;background-color:rgb(255, 255, 255)')).toBe(true);
    expect(cssSetsColors('background: #fafafa url(x.png) no-repeat')).toBe(true);
    expect(cssSetsColors('BACKGROUND-IMAGE: linear-gradient(red, blue)')).toBe(true);
    expect(cssSetsColors('p{margin:0} a:link{color:blue}')).toBe(true);
    expect(cssSetsColors('td { color : red !important }')).toBe(true);
  });

  it('ignores what sets no colour: other properties, neutral values, comments', () => {
    expect(cssSetsColors('font-family: Arial; margin: 0 auto; border: 1px solid #ccc')).toBe(false);
    expect(cssSetsColors('border-color: red; outline-color: blue; mso-color-alt: windowtext; text-decoration-color: red')).toBe(false);
    expect(cssSetsColors('color-scheme: light dark')).toBe(false);
    expect(cssSetsColors('background: transparent; color: inherit; background-color: currentColor; background-image: none !important')).toBe(false);
    expect(cssSetsColors('/* color: red */ p { margin: 0 }')).toBe(false);
    expect(cssSetsColors('')).toBe(false);
  });
});

describe('sanitizeMailHtml – ownColors', () => {
  it('plain structure and formatting set no colours: the dark theme may recolour it', () => {
    expect(ownColors('<div dir="ltr"><p>Hello <b>there</b>, <a href="https://example.org">a link</a></p><blockquote>quoted</blockquote><table border="1"><tr><td>cell</td></tr></table></div>')).toBe(false);
    expect(ownColors('<style>p { margin: 0; font-family: Arial }</style><p style="font-size: 14px; border: 1px solid #ccc">x</p>')).toBe(false);
  });

  it('colours in style attributes, sheets and presentational attributes are the mail\'s own', () => {
    expect(ownColors('<p style="color: #1f497d">signature</p>')).toBe(true);
    expect(ownColors('<div style="background:#f4f4f4"><p>x</p></div>')).toBe(true);
    expect(ownColors('<style>.btn { background-color: #0a7 }</style><a class="btn" href="https://e.example">Go</a>')).toBe(true);
    expect(ownColors('<table bgcolor="#ffffff"><tr><td>x</td></tr></table>')).toBe(true);
    const cidBackground = sanitizeMailHtml('<table><tr><td background="cid:bg@x">x</td></tr></table>', { resolveCid: () => '/api/messages/ID/attachments/2?inline=1' });
    expect(cidBackground.ownColors).toBe(true);
  });

  it('counts only what survives sanitizing: a dropped background or a <body> attribute shows nothing', () => {
    // A remote background without the image proxy is removed; the body's attributes are not kept.
    expect(ownColors('<table background="https://t.example/bg.png"><tr><td>x</td></tr></table>')).toBe(false);
    expect(ownColors('<html><body bgcolor="#000" text="#fff"><p>x</p></body></html>')).toBe(false);
    expect(ownColors('<script>document.body.style.color = "red"</script><p>x</p>')).toBe(false);
    // DOMPurify keeps no <font color>: the text shows in the frame's own colour.
    expect(ownColors('<font color="red">urgent</font>')).toBe(false);
  });

  it('neutral values set no colours', () => {
    expect(ownColors('<p style="color: inherit; background: transparent">x</p>')).toBe(false);
  });
});
