import 'server-only';
import { signedProxyUrl } from './proxy-url';
import { sanitizeComposerHtml } from './composer-html';
import { sanitizeMailHtml, type SanitizedHtml } from './sanitize';

/*
 * One sanitize as plain data (mail to display, or HTML for the composer and for sending), so
 * it can cross to a worker thread: the Content-ID map and the session's image-proxy key instead
 * of callbacks. Run by the sanitizer threads (sanitize-worker.ts), or inline when
 * SANITIZE_WORKERS=0.
 */

export type SanitizeJob = DisplayJob | ComposerJob;

/** HTML the user writes and sends; `keepSignatureMark`: what they wrote, not a quote or a signature. */
interface ComposerJob {
  kind: 'composer';
  html: string;
  keepSignatureMark?: boolean;
}

/** Mail HTML to show in the frame. */
interface DisplayJob {
  kind: 'display';
  html: string;
  /** Content-ID -> the URL Wren serves that inline part from. */
  cidUrls: Record<string, string>;
  /** The session's image-proxy key (base64url); remote images are signed with it. */
  proxyKey: string;
}

export function runSanitizeJob(job: SanitizeJob): SanitizedHtml {
  if (job.kind === 'composer') return { html: sanitizeComposerHtml(job.html, { keepSignatureMark: job.keepSignatureMark }), hasRemoteContent: false, ownColors: false };
  return sanitizeMailHtml(job.html, {
    resolveCid: (cid) => (Object.hasOwn(job.cidUrls, cid) ? job.cidUrls[cid] : null),
    proxyUrl: (url) => signedProxyUrl(job.proxyKey, url),
  });
}
