import { describe, expect, it } from 'vitest';
import { toLinkHref } from './link-href';

describe('toLinkHref', () => {
  it('keeps web and mailto links as typed', () => {
    expect(toLinkHref(' https://example.org/a?b=1 ')).toBe('https://example.org/a?b=1');
    expect(toLinkHref('mailto:ann@x.org')).toBe('mailto:ann@x.org');
  });

  it('adds https:// to a bare host and mailto: to a bare address', () => {
    expect(toLinkHref('example.org/wren')).toBe('https://example.org/wren');
    expect(toLinkHref('example.org:8080/x')).toBe('https://example.org:8080/x');
    expect(toLinkHref('ann@x.org')).toBe('mailto:ann@x.org');
  });

  it('refuses other schemes and text with spaces', () => {
    expect(toLinkHref('javascript:alert(1)')).toBeNull();
    expect(toLinkHref('data:text/html,x')).toBeNull();
    expect(toLinkHref('two words')).toBeNull();
    expect(toLinkHref('')).toBeNull();
  });
});
