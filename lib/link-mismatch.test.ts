import { describe, expect, it } from 'vitest';
import { hostShown, linkMismatch } from './link-mismatch';

describe('deceptive links', () => {
  it('reads the host a text shows', () => {
    expect(hostShown('www.MyBank.com')).toBe('www.mybank.com');
    expect(hostShown('https://mybank.com/login?x=1')).toBe('mybank.com');
    expect(hostShown('Click here')).toBeNull();
    expect(hostShown('see mybank.com now')).toBeNull();
  });

  it('warns when the text shows another host than the link goes to', () => {
    expect(linkMismatch('www.mybank.com', 'https://evil.example/login')).toEqual({ shown: 'www.mybank.com', actual: 'evil.example' });
    expect(linkMismatch('https://paypal.com', 'https://paypal.com.evil.example/')).toEqual({ shown: 'paypal.com', actual: 'paypal.com.evil.example' });
  });

  it('no warning for the same host, www or a subdomain, plain words, or non-web links', () => {
    expect(linkMismatch('mybank.com', 'https://www.mybank.com/x')).toBeNull();
    expect(linkMismatch('mybank.com', 'https://login.mybank.com/')).toBeNull();
    expect(linkMismatch('Read more', 'https://anywhere.example/')).toBeNull();
    expect(linkMismatch('ann@example.com', 'mailto:ann@example.com')).toBeNull();
  });
});
