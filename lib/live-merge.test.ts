import { describe, expect, it } from 'vitest';
import { completePages, mergeChanges, mergePage, withFolderCounts } from './live-merge';
import type { MessageSummaryDto } from './types';

const msg = (uid: number, seen = false): MessageSummaryDto => ({
  id: `1.${uid}.SU5CT1g`,
  folder: 'INBOX',
  uid,
  from: null,
  subject: `m${uid}`,
  date: new Date(uid * 1000).toISOString(),
  size: 1,
  seen,
  flagged: false,
  answered: false,
  hasAttachments: false,
});

const rows = (uids: number[], start = 0) => new Map(uids.map((uid, i) => [start + i, msg(uid)]));
const view = (items: Map<number, MessageSummaryDto>) => [...items].sort((a, b) => a[0] - b[0]).map(([p, m]) => `${p}:${m.uid}`);

describe('mergeChanges', () => {
  it('new mail goes on top and every row moves down by as many', () => {
    const { items, added } = mergeChanges(rows([10, 9, 8]), { changed: [msg(12), msg(11)], vanished: [] }, 11);
    expect(added).toBe(2);
    expect(view(items)).toEqual(['0:12', '1:11', '2:10', '3:9', '4:8']);
  });

  it('a vanished row leaves, rows below move up; flags of shown rows change in place', () => {
    const { items } = mergeChanges(rows([10, 9, 8, 7]), { changed: [msg(8, true)], vanished: [9] }, 11);
    expect(view(items)).toEqual(['0:10', '1:8', '2:7']);
    expect(items.get(1)!.seen).toBe(true);
  });

  it('rows vanished above a loaded window (never loaded) still move it up', () => {
    // Rows 50..52 loaded; UIDs 60 and 55 (somewhere above, not loaded) were expunged.
    const { items } = mergeChanges(rows([20, 19, 18], 50), { changed: [], vanished: [60, 55, 5] }, 70);
    expect(view(items)).toEqual(['48:20', '49:19', '50:18']);
  });

  it('a change to a row not loaded fetches nothing and adds nothing', () => {
    const { items, added } = mergeChanges(rows([10, 9]), { changed: [msg(3, true), msg(12, true)], vanished: [] }, 11);
    // UID 12 is new (at or past UIDNEXT 11): it arrives on top; UID 3 waits.
    expect(added).toBe(1);
    expect(view(items)).toEqual(['0:12', '1:10', '2:9']);
  });

  it('arrivals go on top even when the top page was never loaded', () => {
    const { items } = mergeChanges(rows([20, 19], 50), { changed: [msg(31), msg(30)], vanished: [] }, 30);
    expect(view(items)).toEqual(['0:31', '1:30', '52:20', '53:19']);
  });

  it('the same change applied twice changes nothing more (no duplicate rows)', () => {
    const once = mergeChanges(rows([10, 9]), { changed: [msg(11)], vanished: [9] }, 11).items;
    const twice = mergeChanges(once, { changed: [msg(11)], vanished: [9] }, 11).items;
    expect(view(twice)).toEqual(view(once));
  });
});

describe('completePages', () => {
  it('a page with a hole is not complete', () => {
    const items = rows([9, 8, 7, 6, 5]);
    items.delete(3);
    expect([...completePages(items, 5, 2)]).toEqual([0, 2]);
    expect([...completePages(rows([9, 8, 7]), 3, 2)]).toEqual([0, 1]);
  });
});

describe('mergePage', () => {
  it('an answer fills its page and sets the total; rows past the end go', () => {
    const { items, total } = mergePage(rows([9, 8, 7, 6, 5]), 0, 3, { total: 4, messages: [msg(9), msg(8), msg(7)] }, new Set());
    expect(total).toBe(4);
    expect(view(items)).toEqual(['0:9', '1:8', '2:7', '3:6']);
  });

  it('an answer that crossed a move does not bring the moved row back, nor count it', () => {
    // Row 8 was taken out here (rows 7, 6 moved up); the page was answered before the MOVE ran.
    const before = rows([9, 7, 6]);
    const { items, total } = mergePage(before, 0, 3, { total: 5, messages: [msg(9), msg(8), msg(7)] }, new Set([8]));
    expect(total).toBe(4);
    // The position left at the page's end is empty until the pages are fetched again.
    expect(view(items)).toEqual(['0:9', '1:7']);
    const later = mergePage(items, 1, 3, { total: 4, messages: [msg(5)] }, new Set([8]));
    expect(view(later.items)).toEqual(['0:9', '1:7', '3:5']);
  });

  it('an answer made after the move is taken as it is', () => {
    const { items, total } = mergePage(rows([9, 7]), 0, 3, { total: 3, messages: [msg(9), msg(7), msg(6)] }, new Set([8]));
    expect(total).toBe(3);
    expect(view(items)).toEqual(['0:9', '1:7', '2:6']);
  });
});

describe('withFolderCounts', () => {
  const folders = [
    { path: 'INBOX', total: 10, unread: 3 },
    { path: 'Work', total: 4, unread: null },
  ];

  it('counts the view already shows give back the same list (nothing to render again)', () => {
    expect(withFolderCounts(folders, [{ path: 'INBOX', total: 10, unread: 3 }, { path: 'Work', total: 4, unread: null }])).toBe(folders);
    expect(withFolderCounts(folders, [{ path: 'Other', total: 1, unread: 1 }])).toBe(folders);
  });

  it('a changed count changes that folder only; folders not listed are not added', () => {
    const next = withFolderCounts(folders, [{ path: 'INBOX', total: 11, unread: 4 }, { path: 'Other', total: 1, unread: 1 }])!;
    expect(next).not.toBe(folders);
    expect(next).toEqual([{ path: 'INBOX', total: 11, unread: 4 }, { path: 'Work', total: 4, unread: null }]);
    expect(next[1]).toBe(folders[1]);
  });

  it('no list yet stays none', () => {
    expect(withFolderCounts(null, [{ path: 'INBOX', total: 1, unread: 0 }])).toBeNull();
  });
});
