import * as linkify from 'linkifyjs';

// linkify builds its scanner (every top-level domain, from a packed list) on its first use:
// 12-30 ms of a 2-core machine, which the first plain-text message shown would pay (#22). This
// module comes with the message pane's, which loads with the first message fetched ahead, before
// any open: the scanner is built once the browser is idle after that.
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => linkify.find(''));

export interface TextPiece {
  text: string;
  href?: string;
}

/** Splits plain text into text and links; only http(s) and mailto become links. */
export function splitLinks(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let cursor = 0;
  for (const match of linkify.find(text)) {
    if (!/^(https?:|mailto:)/i.test(match.href)) continue;
    if (match.start > cursor) out.push({ text: text.slice(cursor, match.start) });
    out.push({ text: match.value, href: match.href });
    cursor = match.end;
  }
  if (cursor < text.length) out.push({ text: text.slice(cursor) });
  return out;
}
