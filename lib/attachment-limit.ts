import { formatSize } from './format';

/**
 * The attachment limit, checked before any upload: files are taken in order while the total
 * stays within the limit; the others are refused with a message naming them and the limit.
 */
export function fitAttachments(
  currentTotal: number,
  files: ReadonlyArray<{ name: string; size: number }>,
  limit: number,
  locale = 'en',
  say: (files: string, count: number, limit: string) => string = (what, count, max) => `${what} ${count === 1 ? 'is' : 'are'} too large to attach: attachments are limited to ${max} in all.`,
): { accepted: number[]; refusal: string | null } {
  const accepted: number[] = [];
  const refused: string[] = [];
  let total = currentTotal;
  files.forEach((file, i) => {
    if (total + file.size <= limit) {
      accepted.push(i);
      total += file.size;
    } else refused.push(`“${file.name}” (${formatSize(file.size, locale)})`);
  });
  if (!refused.length) return { accepted, refusal: null };
  return { accepted, refusal: say(refused.join(', '), refused.length, formatSize(limit, locale)) };
}
