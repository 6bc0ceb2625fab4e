import 'server-only';
import type { UnsubscribeDto } from '@/lib/types';

/*
 * List-Unsubscribe (RFC 2369) and one-click unsubscribe (RFC 8058). A list message names how to
 * leave the list as URIs in angle brackets:
 *
 *   List-Unsubscribe: <mailto:leave@list.example?subject=unsubscribe>, <https://list.example/u/123>
 *   List-Unsubscribe-Post: List-Unsubscribe=One-Click
 *
 * With the Post header and an https URI, one POST of `List-Unsubscribe=One-Click` to that URI
 * does it (Wren's server makes it: one-click.ts); else the mailto form is written in the
 * composer; else the link is opened in the browser.
 */

export interface ListUnsubscribe {
  /** The URI to POST to (one-click), when the message offers it. */
  oneClick: URL | null;
  mailto: string | null;
  link: URL | null;
}

const MAX_URIS = 10;

/** The value of each named field of a raw header block (folded lines joined), lower-case names. */
export function headerFields(raw: string): Map<string, string> {
  const fields = new Map<string, string>();
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // The first of a repeated field counts: a second one is as likely to be a forgery.
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/**
 * The ways out of a list a message offers. `allowHttp` lets a one-click URI be plain http
 * (tests only: RFC 8058 asks for https). A link is http or https only, never another scheme.
 */
export function parseListUnsubscribe(header: string | undefined, post: string | undefined, allowHttp = false): ListUnsubscribe {
  const result: ListUnsubscribe = { oneClick: null, mailto: null, link: null };
  if (!header) return result;
  const uris = [...header.matchAll(/<([^>]*)>/g)].slice(0, MAX_URIS).map((m) => m[1].replace(/\s+/g, ''));
  const oneClickOffered = post?.trim().toLowerCase() === 'list-unsubscribe=one-click';
  for (const uri of uris) {
    if (/^mailto:/i.test(uri)) {
      result.mailto ??= uri;
      continue;
    }
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
    if (url.username || url.password) continue;
    result.link ??= url;
    if (oneClickOffered && !result.oneClick && (url.protocol === 'https:' || allowHttp)) result.oneClick = url;
  }
  return result;
}

/** What the browser is told: the method only for one-click (the server reads the URI again). */
export function toUnsubscribeDto(found: ListUnsubscribe): UnsubscribeDto | undefined {
  if (found.oneClick) return { method: 'one-click', host: found.oneClick.hostname };
  if (found.mailto) return { method: 'mailto', href: found.mailto };
  if (found.link) return { method: 'link', href: found.link.href };
  return undefined;
}
