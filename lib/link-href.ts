/**
 * A link the user typed, as the editor stores it: `example.org` becomes https://example.org,
 * `ann@x.org` a mailto:; other schemes (javascript:, data:, file:) are refused with null.
 */
export function toLinkHref(typed: string): string | null {
  const text = typed.trim();
  if (!text || /\s/.test(text)) return null;
  if (/^(https?:\/\/|mailto:)/i.test(text)) return text;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:]+:\d/.test(text)) return null;
  return /^[^@/]+@[^@/]+$/.test(text) ? `mailto:${text}` : `https://${text}`;
}
