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
  const selections = selectionsOf(ids);
  return selections.length === 1 && !ids.some((id) => !decodeMessageId(id)) ? selections[0] : null;
}

/** The selections naming these ids, one per folder: results of an all-folder search span many. */
export function selectionsOf(ids: string[]): Selection[] {
  const groups = new Map<string, { folder: string; uidValidity: string; uids: number[] }>();
  for (const ref of ids.map(decodeMessageId)) {
    if (!ref) continue;
    const key = `${ref.uidValidity}\u0000${ref.path}`;
    const group = groups.get(key) ?? { folder: ref.path, uidValidity: ref.uidValidity, uids: [] };
    group.uids.push(ref.uid);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ folder: g.folder, uidValidity: g.uidValidity, uids: toUidSet(g.uids) }));
}

/**
 * Expands a UID set the server sent ("1:3,7") into UIDs, newest (highest) first. At most `max`
 * numbers: the set comes from the network, and a folder cannot hold more than it has.
 */
export function expandUidSet(set: string, max: number): number[] {
  const out: number[] = [];
  for (const part of set.split(',')) {
    const [a, b = a] = part.split(':').map(Number);
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 1 || b < 1) continue;
    for (let uid = Math.min(a, b); uid <= Math.max(a, b) && out.length < max; uid++) out.push(uid);
    if (out.length >= max) break;
  }
  return [...new Set(out)].sort((x, y) => y - x);
}
