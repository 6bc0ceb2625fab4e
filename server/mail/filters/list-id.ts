import 'server-only';

/**
 * The list's identifier from a fetched `List-Id` header block (RFC 2919: `Name <id.example.org>`):
 * what is inside the angle brackets, else the whole value; null when there is none. Folded
 * lines are unfolded; only the first List-Id counts.
 */
export function listIdOf(headers: Buffer | string | undefined): string | null {
  if (!headers) return null;
  const text = (typeof headers === 'string' ? headers : headers.toString('utf8')).replace(/\r?\n[ \t]+/g, ' ');
  const line = /^list-id:[ \t]*(.*)$/im.exec(text);
  if (!line) return null;
  const value = line[1].trim();
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const id = (bracketed ? bracketed[1] : value).trim();
  // The id goes into a one-line rule value: control characters make it no id at all.
  return id && id.length <= 500 && !/[\0-\x1f\x7f]/.test(id) ? id : null;
}
