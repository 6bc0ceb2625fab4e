import * as linkify from 'linkifyjs';

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
