import { signedProxyUrl } from './proxy-url';
import { sanitizeMailHtml, type SanitizedHtml } from './sanitize';

/*
 * One sanitize as plain data, so it can cross to a worker thread: the Content-ID map and the
 * session's image-proxy key instead of callbacks. No 'server-only' marker here: this module is
 * also the worker's code, which Next bundles outside React's server graph.
 */

export interface SanitizeJob {
  html: string;
  /** Content-ID -> the URL Wren serves that inline part from. */
  cidUrls: Record<string, string>;
  /** The session's image-proxy key (base64url); remote images are signed with it. */
  proxyKey: string;
}

export function runSanitizeJob(job: SanitizeJob): SanitizedHtml {
  return sanitizeMailHtml(job.html, {
    resolveCid: (cid) => (Object.hasOwn(job.cidUrls, cid) ? job.cidUrls[cid] : null),
    proxyUrl: (url) => signedProxyUrl(job.proxyKey, url),
  });
}
