import { decodeMessageId } from './message-id';
import type { Selection } from './schemas';

/** Compresses UIDs into an IMAP UID set: [1,2,3,7] -> "1:3,7". */
export function toUidSet(uids: number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? String(start) : `${start}:${sorted[i]}`);
  }
  return parts.join(',');
}

/** The selection naming these message ids; null unless they are all of one folder and UIDVALIDITY. */
export function selectionOf(ids: string[]): Selection | null {
  const refs = ids.map(decodeMessageId);
  const first = refs[0];
  if (!first || refs.some((r) => !r || r.path !== first.path || r.uidValidity !== first.uidValidity)) return null;
  return { folder: first.path, uidValidity: first.uidValidity, uids: toUidSet(refs.map((r) => r!.uid)) };
}
