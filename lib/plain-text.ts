import { escapeHtml } from './compose';

/** Plain text as editor HTML: escaped, blank lines start paragraphs, single breaks kept. */
export function textToParagraphs(text: string): string {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}
