import { describe, expect, it } from 'vitest';
import { LINK_WARNING } from '@/lib/link-mismatch';
import { WARM_RUNS, warmUpSanitizer } from './sanitize-job';

describe('warmUpSanitizer', () => {
  it('takes every path of the display sanitizer, and its result is as inert as any mail', () => {
    const result = warmUpSanitizer(2);
    expect(result.hasRemoteContent).toBe(true);
    expect(result.ownColors).toBe(true);
    // The inline image is mapped by Content-ID; remote images and CSS go through the proxy.
    expect(result.html).toContain('src="/warm-up"');
    expect(result.html).toMatch(/\/api\/image-proxy\?u=https%3A%2F%2Fexample\.com%2Fpixel\.png&amp;s=/);
    expect(result.html).toMatch(/url\("\/api\/image-proxy\?u=https%3A%2F%2Fexample\.com%2Fbg\.png/);
    // The link whose text names another address is marked.
    expect(result.html).toContain(`${LINK_WARNING}="example.com"`);
    expect(result.html).not.toMatch(/<script|<form|<input|@import|srcset/i);
    // Paragraphs of plain words, as most mail is: the parser's text path warms too.
    expect(result.html).toMatch(/<p>(?:[A-Za-z.,]+ ){300,}[A-Za-z.,]+<\/p>/);
  });

  it('a default warm-up (WARM_RUNS runs) completes and its last run still takes the remote path', () => {
    expect(WARM_RUNS).toBeGreaterThanOrEqual(20);
    const result = warmUpSanitizer();
    expect(result.hasRemoteContent).toBe(true);
  });
});
