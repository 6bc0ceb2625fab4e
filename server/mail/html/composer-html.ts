import 'server-only';
import createDOMPurify, { type Config } from 'dompurify';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);

/**
 * What the composer edits and what Wren sends as HTML: text formatting, lists, quotes and links,
 * and images that name a part of the message itself (cid:, the inline images of a forwarded
 * original, which travel as its attachments). Quoted originals pass through here again (they
 * were sanitized for display, with Wren's own image routes and styles, none of which belongs in
 * an outgoing message); a remote or data: image never goes out.
 */
const CONFIG: Config = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'h1', 'h2', 'h3', 'hr', 'div', 'span', 'img'],
  ALLOWED_ATTR: ['href', 'src', 'alt'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|#|cid:)/i,
  ALLOW_DATA_ATTR: false,
};

/**
 * The mark of the signature block in a compose (`<div data-wren-signature>`, the editor's
 * signature node): kept in what the user writes (a draft continued can still swap it), dropped
 * from a quoted original (its signature is not the one this compose may swap) and from a
 * signature itself.
 */
export const SIGNATURE_MARK = 'data-wren-signature';

const CID_URL = /^cid:[^\s"'<>]+$/i;

purify.addHook('afterSanitizeAttributes', (node) => {
  const el = node as Element;
  // cid: is for images only; an image is kept only with one.
  if (el.tagName === 'A' && /^\s*cid:/i.test(el.getAttribute('href') ?? '')) el.removeAttribute('href');
  if (el.tagName === 'IMG' && !CID_URL.test(el.getAttribute('src') ?? '')) el.remove();
});

export function sanitizeComposerHtml(dirty: string, opts: { keepSignatureMark?: boolean } = {}): string {
  const allowed = opts.keepSignatureMark ? [...(CONFIG.ALLOWED_ATTR ?? []), SIGNATURE_MARK] : CONFIG.ALLOWED_ATTR;
  return purify.sanitize(dirty, { ...CONFIG, ALLOWED_ATTR: allowed, RETURN_TRUSTED_TYPE: false }) as string;
}
