/**
 * Deceptive links: text that shows one host while the link goes to another
 * ("www.mybank.com" pointing at evil.example). Pure: the sanitizer marks such links and the
 * frame asks before opening them.
 */

/** Set by the sanitizer on such links (the host they really go to); the frame asks before opening. */
export const LINK_WARNING = 'data-wren-link-warning';

const HOST_IN_TEXT = /^\s*(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?::\d+)?(?:[/?#]\S*)?\s*$/i;

/** The host a link's text shows, when the text is (only) a URL or a domain. */
export function hostShown(text: string): string | null {
  const match = HOST_IN_TEXT.exec(text);
  return match ? match[1].toLowerCase() : null;
}

const bare = (host: string) => host.replace(/^www\./, '');

/** {shown, actual} when the text shows a host the href does not go to; null otherwise. */
export function linkMismatch(text: string, href: string): { shown: string; actual: string } | null {
  const shown = hostShown(text);
  if (!shown) return null;
  let actual: string;
  try {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    actual = url.hostname.toLowerCase();
  } catch {
    return null;
  }
  // The same host, or a subdomain of the host shown, is what the text promised.
  if (bare(actual) === bare(shown) || actual.endsWith(`.${bare(shown)}`)) return null;
  return { shown, actual };
}
