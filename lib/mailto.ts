import { parseRecipients, type RecipientInput } from './address-input';

/*
 * mailto: URLs (RFC 6068) from links in mail, as a compose to open. Only to, cc, bcc, subject
 * and body are read; anything else (attach=, in-reply-to=, custom headers) is ignored, so a
 * link can never attach a file or set a header the user did not see.
 */

export interface MailtoCompose {
  to: RecipientInput[];
  cc: RecipientInput[];
  bcc: RecipientInput[];
  subject: string;
  /** Plain text, lines separated by \n. */
  body: string;
}

const MAX_SUBJECT = 998;
const MAX_BODY = 100_000;
// A whole link is cut here before parsing. One this long never reaches the server in a URL
// (Node refuses request lines over 16 KB): only a link handed over in the browser can be.
const MAX_MAILTO = 200_000;

/** Percent-decoding that survives malformed escapes (kept as typed) and treats `+` as a plus. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

// A header field is one line: CR, LF and NUL (e.g. from %0D%0A) could start a new header.
const oneLine = (text: string) => text.replace(/[\r\n\0]+/g, ' ').trim();

/** The compose a mailto: URL asks for, or null when `href` is not one. */
export function parseMailto(href: string): MailtoCompose | null {
  const match = /^\s*mailto:([^?#]*)(?:\?([^#]*))?/i.exec(href);
  if (!match) return null;
  const addresses = { to: [decode(match[1])], cc: [] as string[], bcc: [] as string[] };
  let subject: string | null = null;
  let body: string | null = null;
  for (const pair of (match[2] ?? '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === 'to' || key === 'cc' || key === 'bcc') addresses[key].push(value);
    else if (key === 'subject') subject ??= value;
    else if (key === 'body') body ??= value;
  }
  const recipients = (list: string[]) => parseRecipients(list.map(oneLine).join(','));
  return {
    to: recipients(addresses.to),
    cc: recipients(addresses.cc),
    bcc: recipients(addresses.bcc),
    subject: oneLine(subject ?? '').slice(0, MAX_SUBJECT),
    body: (body ?? '').replace(/\r\n?/g, '\n').replace(/\0/g, '').slice(0, MAX_BODY),
  };
}

/**
 * The mailto: link a new compose was opened with (`/mail?compose=new&mailto=`, the protocol
 * handler of lib/pwa/install.ts), or null: only with compose=new, only a mailto: link (not
 * javascript: or anything else), cut to a bound. parseMailto then reads it like any other.
 */
export function mailtoOfUrl(search: URLSearchParams): string | null {
  const mailto = search.get('mailto');
  if (search.get('compose') !== 'new' || !mailto || !/^mailto:/i.test(mailto)) return null;
  return mailto.slice(0, MAX_MAILTO);
}

/** `url` (a view's, with compose=new) carrying `mailto` on, as sign-in passes a link through. */
export function withMailto(url: string, mailto: string | null): string {
  if (!mailto) return url;
  return `${url}${url.includes('?') ? '&' : '?'}mailto=${encodeURIComponent(mailto)}`;
}
