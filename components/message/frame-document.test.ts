import { describe, expect, it } from 'vitest';
import { buildSrcDoc, frameCsp } from './frame-document';

describe('buildSrcDoc', () => {
  it('keeps the frame inert: its CSP first, no script, nothing remote until images are allowed', () => {
    const doc = buildSrcDoc('<p>Hi</p>', false, 'https://wren.example');
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<style>'));
    expect(doc).toContain(frameCsp(false, 'https://wren.example'));
    expect(frameCsp(false, 'https://wren.example')).toBe(
      "default-src 'none'; img-src data: https://wren.example/api/messages/; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'",
    );
    expect(doc).not.toMatch(/<script/i);
    expect(doc).toContain('<body><p>Hi</p></body>');
  });

  it('says how the colours show: recoloured by default, original on request, and the page\'s own theme when it chose one', () => {
    expect(buildSrcDoc('x', false, '')).toContain('<html data-colors="adapt">');
    expect(buildSrcDoc('x', false, '', 'original')).toContain('<html data-colors="original">');
    expect(buildSrcDoc('x', false, '', 'adapt', 'dark')).toContain('<html data-colors="adapt" data-theme="dark">');
    // The dark rules apply under the page's choice, or under the system's dark scheme unless the page chose light.
    const doc = buildSrcDoc('x', false, '');
    expect(doc).toContain('html[data-theme=dark][data-colors=adapt] body{background:#0f141d;color:#eaeff5}');
    expect(doc).toContain('@media (prefers-color-scheme:dark){html:not([data-theme=light]){color-scheme:dark}');
    expect(doc).toContain('html:not([data-theme=light])[data-colors=original] body{background:#fff;color:#0f172a');
  });
});
