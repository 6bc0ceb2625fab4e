import { describe, expect, it } from 'vitest';
import { deviceIdFromDigest, deviceLabel } from './device-label';

describe('deviceLabel', () => {
  it('names the browser and the system, without versions', () => {
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36')).toBe('Chrome on Android');
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0')).toBe('Edge on Windows');
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox on Linux');
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari on iOS');
    expect(deviceLabel('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15')).toBe('Safari on macOS');
  });

  it('says "A browser" when it cannot tell', () => {
    expect(deviceLabel(undefined)).toBe('A browser');
    expect(deviceLabel('curl/8.0')).toBe('A browser');
  });
});

describe('deviceIdFromDigest', () => {
  it('is base64url of the first 16 bytes of the digest: 22 characters', async () => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('https://push.example/abc')));
    expect(deviceIdFromDigest(digest)).toBe(Buffer.from(digest.subarray(0, 16)).toString('base64url'));
    expect(deviceIdFromDigest(digest)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
