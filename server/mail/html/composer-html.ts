import 'server-only';
import createDOMPurify, { type Config } from 'dompurify';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);

/**
 * What the composer edits and what Wren sends as HTML: text formatting, lists, quotes and links
 * only. Quoted originals pass through here again (they were sanitized for display, with
 * Wren's own image routes and styles, none of which belongs in an outgoing message).
 */
const CONFIG: Config = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'h1', 'h2', 'h3', 'hr', 'div', 'span'],
  ALLOWED_ATTR: ['href'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|#)/i,
};

export function sanitizeComposerHtml(dirty: string): string {
  return purify.sanitize(dirty, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string;
}
