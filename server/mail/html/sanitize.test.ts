import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { sanitizeMailHtml } from './sanitize';

const noCid = { resolveCid: () => null };

describe('sanitizeMailHtml', () => {
  it('removes scripts, event handlers and javascript: URLs', () => {
    const { html } = sanitizeMailHtml(
      '<p>Hi</p><script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">x</a><svg><animate onbegin="alert(4)"/></svg>',
      noCid,
    );
    expect(html).toContain('<p>Hi</p>');
    expect(html).not.toMatch(/script|onerror|javascript:|onbegin|animate/i);
  });

  it('drops forms, iframes, objects, embeds, meta and base', () => {
    const { html } = sanitizeMailHtml(
      '<form action="https://evil"><input name="p"></form><iframe src="https://evil"></iframe><object data="x"></object><embed src="x"><meta http-equiv="refresh" content="0;url=https://evil"><base href="https://evil/">',
      noCid,
    );
    expect(html).not.toMatch(/<(form|input|iframe|object|embed|meta|base)\b/i);
  });

  it('opens links in a new tab without opener or referrer', () => {
    const { html } = sanitizeMailHtml('<a href="https://example.org/news">News</a>', noCid);
    expect(html).toBe('<a href="https://example.org/news" target="_blank" rel="noopener noreferrer">News</a>');
  });

  it('points remote images, backgrounds, srcset and CSS url() at the image proxy, never at the sender', () => {
    const proxyUrl = (url: string) => `/api/image-proxy?u=${encodeURIComponent(url)}`;
    const { html, hasRemoteContent } = sanitizeMailHtml(
      '<style>.a{background:url(\'https://t.example/bg.png\')}</style><img src="https://t.example/p.gif"><img src="//t.example/rel.gif"><img srcset="https://t.example/a.png 1x, https://t.example/b.png 2x"><div style="background-image:url(http://t.example/x.png)">x</div><table background="https://t.example/t.png"></table>',
      { ...noCid, proxyUrl },
    );
    expect(hasRemoteContent).toBe(true);
    expect(html).not.toMatch(/["'(]\s*(?:https?:)?\/\/t\.example/);
    for (const url of ['https://t.example/bg.png', 'https://t.example/p.gif', 'https://t.example/a.png', 'http://t.example/x.png', 'https://t.example/t.png']) {
      expect(html).toContain(encodeURIComponent(url));
    }
  });

  it('flags remote images (without a proxy they are dropped)', () => {
    const result = sanitizeMailHtml('<img src="https://tracker.example/p.gif">', noCid);
    expect(result.hasRemoteContent).toBe(true);
    expect(sanitizeMailHtml('<p>plain</p>', noCid).hasRemoteContent).toBe(false);
    expect(sanitizeMailHtml('<div style="background:url(https://t.example/x)">x</div>', noCid).hasRemoteContent).toBe(true);
  });

  it('rewrites cid: images to the resolver URL and drops unknown cids', () => {
    const { html } = sanitizeMailHtml('<img src="cid:logo@x"><img src="cid:missing@x">', {
      resolveCid: (cid) => (cid === 'logo@x' ? '/api/messages/ID/attachments/2?inline=1' : null),
    });
    expect(html).toBe('<img src="/api/messages/ID/attachments/2?inline=1"><img>');
  });

  it('keeps <style> but strips @import and legacy script-in-CSS', () => {
    const { html } = sanitizeMailHtml('<style>@import url(https://evil/x.css); p{color:red;behavior:url(x.htc)}</style><p>x</p>', noCid);
    expect(html).toContain('<style>');
    expect(html).toContain('color:red');
    expect(html).not.toMatch(/@import|behavior\s*:/i);
  });

  it('prefixes ids and names so mail cannot clobber page globals', () => {
    const { html } = sanitizeMailHtml('<img name="getElementById"><div id="location">x</div>', noCid);
    expect(html).not.toMatch(/id="location"/);
    expect(html).toMatch(/user-content-location/);
  });

  it('marks a link whose text shows another host, and only Wren can mark one', () => {
    const { html } = sanitizeMailHtml(
      '<a href="https://evil.example/login">www.mybank.com</a><a href="https://www.mybank.com/" data-wren-link-warning="x">mybank.com</a><a href="https://x.org">Read more</a>',
      noCid,
    );
    const doc = new JSDOM(html).window.document;
    const links = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('data-wren-link-warning'));
    expect(links).toEqual(['evil.example', null, null]);
  });
});

// scripts/patches/jsdom+29.1.1.patch (applied by `npm ci`'s postinstall, patch-package): jsdom's
// HTML parser appends each run of text to its text node in place, as the HTML standard's "insert
// a character" does, instead of through the DOM's "replace data" (a mutation record and a copy of
// all the text so far for every word and every space: about 40 % of a text-heavy body's sanitize).
describe('the HTML parser under the sanitizer (jsdom patched)', () => {
  // jsdom's internal class behind every Text node: no package export, so reached by its path.
  const characterData = (
    createRequire(import.meta.url)('jsdom/lib/jsdom/living/nodes/CharacterData-impl.js') as {
      implementation: { prototype: { replaceData: (...a: unknown[]) => void } };
    }
  ).implementation.prototype;

  function countingReplaceData<T>(run: () => T): { result: T; calls: number } {
    const original = characterData.replaceData;
    let calls = 0;
    characterData.replaceData = function (this: unknown, ...args: unknown[]) {
      calls++;
      return original.apply(this, args);
    };
    try {
      return { result: run(), calls };
    } finally {
      characterData.replaceData = original;
    }
  }

  const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' \n ');

  it('appends the text of a long paragraph in place: no "replace data" per word, the text whole', () => {
    const { result, calls } = countingReplaceData(() => sanitizeMailHtml(`<html><body><p>${words} &amp; &lt;done&gt;</p></body></html>`, noCid));
    expect(calls).toBe(0);
    expect(result.html).toBe(`<p>${words} &amp; &lt;done&gt;</p>`);
  });

  it('text the parser moves out of a table (foster parenting) arrives whole, in order', () => {
    // jsdom 29 puts it after the table, not before it as a browser does (its insertTextBefore
    // appends; fixed upstream after 29.1.1): what matters here is that none of it is lost.
    const { html } = sanitizeMailHtml(`<table>${words}<tr><td>cell one two</td></tr></table><p>after it</p>`, noCid);
    expect(html).toBe(`<table><tbody><tr><td>cell one two</td></tr></tbody></table>${words}<p>after it</p>`);
  });

  it('a page jsdom parses as a whole keeps its text and a <textarea> its value', () => {
    const { window } = new JSDOM(`<!doctype html><p>${words}</p><textarea id="t">one two  three</textarea>`);
    expect(window.document.querySelector('p')?.textContent).toBe(words);
    expect((window.document.getElementById('t') as HTMLTextAreaElement).value).toBe('one two  three');
  });
});
