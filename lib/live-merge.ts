import type { FolderDto, MessageSummaryDto } from './types';

/**
 * Applies a folder's changes to the rows loaded so far (row position -> message, 0 = newest),
 * without fetching anything again. Rows are in arrival order, which is UID order, so a row's new
 * position is its old one, minus the vanished UIDs above it, plus the arrived UIDs above it —
 * which also holds for rows that were never loaded. Arrivals are the changed messages at or past
 * the UIDNEXT of the sync point: the newest of the folder, so they go on top. Changed rows
 * already shown take their new flags; changed rows not loaded wait until scrolled to.
 */
export function mergeChanges(
  items: Map<number, MessageSummaryDto>,
  changes: { changed: MessageSummaryDto[]; vanished: number[] },
  uidNext: number,
): { items: Map<number, MessageSummaryDto>; added: number } {
  const vanished = [...new Set(changes.vanished)];
  const shown = new Set([...items.values()].map((m) => m.uid));
  const arrived = changes.changed.filter((m) => m.uid >= uidNext && !vanished.includes(m.uid)).sort((a, b) => b.uid - a.uid);
  const fresh = arrived.filter((m) => !shown.has(m.uid));
  const byUid = new Map(changes.changed.map((m) => [m.uid, m]));
  const above = (list: number[], uid: number) => list.filter((u) => u > uid).length;
  const freshUids = fresh.map((m) => m.uid);

  const out = new Map<number, MessageSummaryDto>();
  for (const [position, message] of items) {
    if (vanished.includes(message.uid)) continue;
    out.set(position - above(vanished, message.uid) + above(freshUids, message.uid), byUid.get(message.uid) ?? message);
  }
  for (const m of fresh) out.set(above(freshUids, m.uid) + [...shown].filter((u) => u > m.uid && !vanished.includes(u)).length, m);
  return { items: out, added: fresh.length };
}

/** Pages (of `size` rows) wholly present for a folder of `total` rows: the others are fetched when in view. */
export function completePages(items: Map<number, unknown>, total: number, size: number): Set<number> {
  const pages = new Set<number>();
  for (let page = 0; page * size < total; page++) {
    let complete = true;
    for (let i = page * size; i < Math.min(total, (page + 1) * size) && complete; i++) complete = items.has(i);
    if (complete) pages.add(page);
    else if (page * size > Math.max(-1, ...items.keys())) break;
  }
  return pages;
}

/**
 * Puts a fetched page into the rows loaded so far. A row whose UID was taken out here is left
 * out, and the rows after it move up: the answer was made before the server carried out the
 * action (a move and a page fetch cross on the one IMAP connection), so it must not bring the
 * row back, nor count it. Positions the dropped rows leave at the page's end stay empty until
 * the pages are fetched again.
 */
export function mergePage(
  items: Map<number, MessageSummaryDto>,
  page: number,
  size: number,
  answer: { total: number; messages: MessageSummaryDto[] },
  gone: ReadonlySet<number>,
): { items: Map<number, MessageSummaryDto>; total: number } {
  const kept = answer.messages.filter((m) => !gone.has(m.uid));
  const total = answer.total - answer.messages.length + kept.length;
  const out = new Map(items);
  // Positions past the new end belong to nobody any more.
  for (const index of out.keys()) if (index >= total) out.delete(index);
  answer.messages.forEach((_, i) => (kept[i] ? out.set(page * size + i, kept[i]) : out.delete(page * size + i)));
  return { items: out, total };
}

/**
 * The folder list with the live stream's counts: only folders already listed change. The same
 * list (the same object) when no count changed: the stream sends every folder's counts every
 * 30 s and after each change, mostly counts the view already shows (a message read here is
 * counted at once), and a new list would render the whole mail view again.
 */
export function withFolderCounts<F extends Pick<FolderDto, 'path' | 'total' | 'unread'>>(
  folders: F[] | null,
  counts: ReadonlyArray<Pick<FolderDto, 'path' | 'total' | 'unread'>>,
): F[] | null {
  const byPath = new Map(counts.map((c) => [c.path, c]));
  const next = folders?.map((f) => {
    const c = byPath.get(f.path);
    return c && (c.total !== f.total || c.unread !== f.unread) ? { ...f, total: c.total, unread: c.unread } : f;
  });
  return next?.some((f, i) => f !== folders![i]) ? next : folders;
}
