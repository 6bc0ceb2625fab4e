import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import { Transform, type Readable } from 'node:stream';
import { env } from '../env';
import { AppError } from '../errors';
import { pinnedLookup, publicAddressToDial, REAL_NETWORK, type OutboundNetwork } from './outbound';
import { imageUrlSignature, signedProxyUrl } from './html/proxy-url';
import type { Session } from '../session/session';
import { RASTER_TYPES } from '@/lib/raster-types';

/*
 * Remote images the user chose to see come through Wren, never straight from the sender's
 * server: the reader's address, cookies and Referer stay with Wren. URLs are signed with an HMAC
 * bound to the session (a link from one session, or made up, is refused). The host is resolved
 * and refused unless every address is public; the connection goes to the address checked (no
 * second lookup to rebind); each redirect is checked again (at most 3). Raster types only,
 * size and time capped.
 */

const MAX_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;

/** The key the session's image URLs are signed with (base64url): handed to the sanitizer. */
export function imageProxyKey(session: Session): string {
  return createHmac('sha256', env().SESSION_SECRET).update(`image-proxy:${session.id}`).digest('base64url');
}

/** The proxy URL of a remote image. */
export function proxiedImageUrl(session: Session, url: string): string {
  return signedProxyUrl(imageProxyKey(session), url);
}

export function isSignedImageUrl(session: Session, url: string, sig: string): boolean {
  const expected = Buffer.from(imageUrlSignature(imageProxyKey(session), url));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface ProxiedImage {
  contentType: string;
  body: Readable;
}

/**
 * How the proxy reaches the network. Tests replace it to stand a public name in front of a
 * loopback server (there is no public network here); Wren itself always uses the real one.
 */
export type ProxyNetwork = OutboundNetwork;

async function publicAddressOf(hostname: string, net: ProxyNetwork): Promise<LookupAddress> {
  const address = await publicAddressToDial(hostname, net);
  if (address === 'unknown') throw new AppError('not_found', { key: 'theImageSServerDoes' });
  if (address === 'private') throw new AppError('forbidden', { key: 'imagesFromPrivateNetworksAre' });
  return address;
}

function get(url: URL, address: LookupAddress): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(
      url,
      {
        // Connect to the address that was checked: no second lookup between check and use.
        lookup: pinnedLookup(address),
        headers: { 'user-agent': 'Wren image proxy', accept: 'image/*' },
        timeout: TIMEOUT_MS,
      },
      resolve,
    );
    req.on('timeout', () => req.destroy(new AppError('imap_unavailable', { key: 'theImageTookTooLong' })));
    req.on('error', reject);
  });
}

/** Fetches a remote raster image under the rules above. */
export async function fetchRemoteImage(url: string, net: ProxyNetwork = REAL_NETWORK): Promise<ProxiedImage> {
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new AppError('invalid_input', { key: 'notAnImageAddress' });
  }
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new AppError('forbidden', { key: 'onlyWebImagesAreLoaded' });
    const res = await get(current, await publicAddressOf(current.hostname, net)).catch((error: unknown) => {
      throw error instanceof AppError ? error : new AppError('not_found', { key: 'theImageCouldNotBe' });
    });
    if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      res.resume();
      if (hop >= MAX_REDIRECTS) throw new AppError('not_found', { key: 'tooManyRedirects' });
      current = new URL(res.headers.location, current);
      continue;
    }
    const contentType = (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (res.statusCode !== 200 || !RASTER_TYPES.has(contentType) || Number(res.headers['content-length'] ?? 0) > MAX_BYTES) {
      res.resume();
      throw new AppError('not_found', { key: 'notAnImageWrenShows' });
    }
    let seen = 0;
    const capped = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        done(seen > MAX_BYTES ? new Error('image too large') : null, chunk);
      },
    });
    return { contentType, body: res.pipe(capped) };
  }
}
