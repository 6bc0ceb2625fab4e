/**
 * A short name for a browser from its User-Agent ("Firefox on Android"), for the list of devices
 * that receive notifications: enough to tell them apart, nothing more (no versions).
 */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? 'Edge'
    : /SamsungBrowser\//.test(ua)
      ? 'Samsung Internet'
      : /(Firefox|FxiOS)\//.test(ua)
        ? 'Firefox'
        : /(Chrome|CriOS|Chromium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : 'A browser';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : '';
  return system ? `${browser} on ${system}` : browser;
}

/**
 * The id a device's subscription has in that list: base64url of the first 16 bytes of the
 * SHA-256 of its endpoint. The server computes it with node:crypto, the browser with
 * SubtleCrypto (`pushDeviceIdOf` in components/settings/push-client.ts); both give the same.
 */
export function deviceIdFromDigest(digest: Uint8Array): string {
  let binary = '';
  for (const b of digest.subarray(0, 16)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
