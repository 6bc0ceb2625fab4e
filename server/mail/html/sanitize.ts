import 'server-only';
import createDOMPurify, { type Config } from 'dompurify';
import { JSDOM } from 'jsdom';
import { LINK_WARNING, linkMismatch } from '@/lib/link-mismatch';
import { cssSetsColors, elementSetsColors } from './own-colors';

/**
 * Mail HTML to inert HTML, on the server, once. The result is shown in a sandboxed iframe
 * without scripts, under a CSP that blocks remote loads until the user allows images.
 */

const { window } = new JSDOM('');
const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);

const FORBID_TAGS = [
  'script', 'link', 'meta', 'base', 'form', 'input', 'button', 'select', 'option', 'textarea',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'portal', 'template', 'noscript', 'math',
  'animate', 'animateMotion', 'animateTransform', 'set', 'foreignObject', 'use', 'feImage',
];

const CONFIG: Config = {
  FORBID_TAGS,
  FORBID_ATTR: ['srcdoc', 'formaction', 'action', 'ping', 'xlink:href'],
  // http(s), mailto, tel and fragments for links; cid: is rewritten in the hook below.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel|cid):|#)/i,
  ADD_DATA_URI_TAGS: ['img'],
  FORCE_BODY: true,
  // Prefix ids and names so mail cannot clobber the page's globals.
  SANITIZE_NAMED_PROPS: true,
};

const REMOTE_URL = /^\s*(?:https?:)?\/\//i;
const RASTER_DATA_URI = /^data:image\/(?:png|jpeg|gif|webp|avif|bmp);/i;
const CSS_REMOTE = /url\(\s*['"]?\s*(?:https?:)?\/\//i;

export interface SanitizeOptions {
  /** Maps a Content-ID to the URL Wren serves that inline part from. */
  resolveCid: (cid: string) => string | null;
  /** The image proxy's URL for a remote image: remote images never load from the sender directly. */
  proxyUrl?: (url: string) => string;
}

const CSS_REMOTE_URL = /url\(\s*(['"]?)\s*((?:https?:)?\/\/[^'")\s]+)\s*\1\s*\)/gi;

const absolute = (url: string) => (url.startsWith('//') ? `https:${url}` : url.trim());

/** Remote url() in CSS through the proxy (or out); anything missed is still blocked by the frame's CSP. */
function proxyCss(css: string, proxyUrl: ((url: string) => string) | undefined): string {
  return css.replace(CSS_REMOTE_URL, (_m, _q, url: string) => (proxyUrl ? `url("${proxyUrl(absolute(url))}")` : 'none'));
}

export interface SanitizedHtml {
  html: string;
  hasRemoteContent: boolean;
  /** The HTML sets text colours or backgrounds of its own (own-colors.ts): shown as designed in the dark theme. */
  ownColors: boolean;
}

export function sanitizeMailHtml(dirty: string, opts: SanitizeOptions): SanitizedHtml {
  let hasRemoteContent = false;
  let ownColors = false;

  purify.addHook('uponSanitizeElement', (node, data) => {
    // Keep <style> (newsletters need it) but never let it import or fetch on its own.
    if (data.tagName === 'style' && node.textContent) {
      const css = node.textContent.replace(/@import[^;]*;?/gi, '').replace(/expression\s*\(|behavior\s*:|-moz-binding/gi, 'x-blocked:');
      if (CSS_REMOTE.test(css)) hasRemoteContent = true;
      if (!ownColors && cssSetsColors(css)) ownColors = true;
      node.textContent = proxyCss(css, opts.proxyUrl);
    }
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    // Only Wren marks deceptive links: a mark the mail brought is not trusted.
    el.removeAttribute(LINK_WARNING);
    if (el.tagName === 'A' && el.hasAttribute('href')) {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
      const mismatch = linkMismatch(el.textContent ?? '', el.getAttribute('href') ?? '');
      if (mismatch) el.setAttribute(LINK_WARNING, mismatch.actual);
    }
    for (const attr of ['src', 'background', 'poster']) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      if (/^cid:/i.test(value)) {
        const url = opts.resolveCid(decodeURIComponent(value.slice(4)).replace(/^<|>$/g, ''));
        if (url) el.setAttribute(attr, url);
        else el.removeAttribute(attr);
      } else if (REMOTE_URL.test(value)) {
        hasRemoteContent = true;
        if (opts.proxyUrl) el.setAttribute(attr, opts.proxyUrl(absolute(value)));
        else el.removeAttribute(attr);
      } else if (!RASTER_DATA_URI.test(value)) {
        el.removeAttribute(attr);
      }
    }
    // srcset candidates are one more way to load: the first remote one goes through the proxy as src.
    if (el.hasAttribute('srcset')) {
      const first = /^\s*((?:https?:)?\/\/\S+)/i.exec(el.getAttribute('srcset') ?? '')?.[1];
      el.removeAttribute('srcset');
      if (first) {
        hasRemoteContent = true;
        if (opts.proxyUrl && !el.getAttribute('src')) el.setAttribute('src', opts.proxyUrl(absolute(first)));
      }
    }
    const style = el.getAttribute('style');
    if (style && CSS_REMOTE.test(style)) {
      hasRemoteContent = true;
      el.setAttribute('style', proxyCss(style, opts.proxyUrl));
    }
    // What is left once the element is clean (a background dropped above does not count), and
    // only what is shown: the <body> (whose attributes the result leaves out) does not count.
    if (!ownColors && el.tagName !== 'BODY' && elementSetsColors(el)) ownColors = true;
  });

  try {
    const html = purify.sanitize(dirty, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string;
    return { html, hasRemoteContent, ownColors };
  } finally {
    purify.removeAllHooks();
  }
}
