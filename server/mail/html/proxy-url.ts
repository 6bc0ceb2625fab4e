import 'server-only';
import { createHmac } from 'node:crypto';

// Shared by the image proxy (checking) and the sanitizer threads (signing).

const IMAGE_PROXY_PATH = '/api/image-proxy';

/** The HMAC of a remote image URL under a session's image-proxy key (base64url). */
export function imageUrlSignature(proxyKey: string, url: string): string {
  return createHmac('sha256', Buffer.from(proxyKey, 'base64url')).update(url).digest('base64url');
}

/** The image proxy's URL for a remote image: `u` the image, `s` its signature. */
export function signedProxyUrl(proxyKey: string, url: string): string {
  return `${IMAGE_PROXY_PATH}?u=${encodeURIComponent(url)}&s=${imageUrlSignature(proxyKey, url)}`;
}
