import { formatSize } from './format';

/**
 * The attachment limit, checked before any upload: files are taken in order while the total
 * stays within the limit; the others are refused with a message naming them and the limit.
 */
export function fitAttachments(
  currentTotal: number,
  files: ReadonlyArray<{ name: string; size: number }>,
  limit: number,
): { accepted: number[]; refusal: string | null } {
  const accepted: number[] = [];
  const refused: string[] = [];
  let total = currentTotal;
  files.forEach((file, i) => {
    if (total + file.size <= limit) {
      accepted.push(i);
      total += file.size;
    } else refused.push(`“${file.name}” (${formatSize(file.size)})`);
  });
  if (!refused.length) return { accepted, refusal: null };
  const what = refused.length === 1 ? `${refused[0]} is` : `${refused.join(', ')} are`;
  return { accepted, refusal: `${what} too large to attach: attachments are limited to ${formatSize(limit)} in all.` };
}
