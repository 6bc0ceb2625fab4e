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

/*
 * A new sanitizer thread runs this sample through the display sanitizer WARM_RUNS times before
 * it says it is ready (sanitize-worker.ts), then up to WARM_RUNS_IDLE more while no job has come:
 * the first sanitizes a thread runs are slow while V8 compiles and tiers up jsdom's and
 * DOMPurify's code (about 4 ms each for a small newsletter, against 1.5-2 ms once warm), and
 * without this the first messages opened after a start paid that (docs/PERFORMANCE.md, sessions
 * 14 and 15). The sample takes each path of the sanitizer: a style sheet with a remote url(), a
 * remote and an inline (cid:) image, a link whose text names another address, colours, a table, a
 * list, a script to drop, and paragraphs of plain words, which is what most mail is (the parser's
 * text path: without them the first opens of text-heavy mail stayed slower). Costs the thread
 * about 0.2-0.3 s before it is ready.
 */
const WARM_SAMPLE =
  '<html><head><style>@import url(https://example.com/a.css); body{color:#333;background:url(https://example.com/bg.png)} .n{font-weight:bold}</style></head>' +
  '<body bgcolor="#ffffff"><table width="100%" cellpadding="0"><tr><td style="padding:8px;color:#222">' +
  '<h1 class="n">News</h1><p>Hello <b>there</b>, <i>see</i> <a href="https://example.com/offer">https://example.org/offer</a> or <a href="mailto:team@example.com">write</a>.</p>' +
  '<img src="https://example.com/pixel.png" width="1" height="1" alt=""><img src="cid:logo@example" alt="Logo" srcset="https://example.com/l2.png 2x">' +
  '<div style="background-image:url(https://example.com/x.png)"><span>text</span><br><font color="#0000ff" face="Arial">old</font></div>' +
  '<ul><li>one</li><li>two</li></ul><blockquote>quoted</blockquote>' +
  `<p>${plainWords(400)}</p><p>${plainWords(120)}</p>` +
  '</td></tr></table><script>alert(1)</script><form action="https://example.com"><input name="q"></form></body></html>';

function plainWords(count: number): string {
  const words = ['the', 'budget', 'for', 'next', 'quarter', 'is', 'attached,', 'please', 'review', 'it', 'before', 'our', 'meeting.', 'Thanks'];
  return Array.from({ length: count }, (_, i) => words[i % words.length]).join(' ');
}

export const WARM_RUNS = 40;
/** Runs after the thread said it is ready, one per turn of its event loop, until a job comes. */
export const WARM_RUNS_IDLE = 60;

/** The sample through the display sanitizer `runs` times; the last result (tests check it takes every path). */
export function warmUpSanitizer(runs = WARM_RUNS): SanitizedHtml {
  const job: DisplayJob = { kind: 'display', html: WARM_SAMPLE, cidUrls: { 'logo@example': '/warm-up' }, proxyKey: 'd2FybS11cC1rZXk' };
  let result = runSanitizeJob(job);
  for (let i = 1; i < runs; i++) result = runSanitizeJob(job);
  return result;
}
