import { describe, expect, it } from 'vitest';
import { addToResultSet, forgetResultSets, openResultSet, pinnedFolder, pinnedResultSet, pinResultSet, RESULT_SET_TTL_MS, tokenFor } from './result-sets';

const inbox = (uids: number[]) => pinnedFolder('INBOX', '7', uids);

describe('search result sets', () => {
  it('pins the UIDs as a compact set with their count; the same search keeps its token, another gets a new one', () => {
    const token = pinResultSet('s1', 'k', [inbox([5, 4, 3, 9])])!;
    expect(pinnedResultSet('s1', token)?.folders).toEqual([{ folder: 'INBOX', uidValidity: '7', uids: '3:5,9', count: 4 }]);
    expect(pinResultSet('s1', 'k', [inbox([3, 4, 5, 9])])).toBe(token);
    expect(tokenFor('s1', 'k')).toBe(token);
    const other = pinResultSet('s1', 'k', [inbox([3, 4, 5, 9, 10])]);
    expect(other).not.toBe(token);
    forgetResultSets('s1');
    expect(pinnedResultSet('s1', token)).toBeNull();
  });

  it('a token names nothing in another session, nor after its time', () => {
    const now = Date.now();
    const token = pinResultSet('s2', 'k', [inbox([1])], now)!;
    expect(pinnedResultSet('s3', token, now)).toBeNull();
    expect(pinnedResultSet('s2', token, now + RESULT_SET_TTL_MS - 1)).not.toBeNull();
    expect(pinnedResultSet('s2', token, now + RESULT_SET_TTL_MS)).toBeNull();
    forgetResultSets('s2');
  });

  it('an all-folder search fills its set folder by folder; a session keeps its last four sets', () => {
    const token = openResultSet('s4', 'all');
    expect(addToResultSet('s4', token, pinnedFolder('A', '1', [1, 2]))).toBe(true);
    expect(addToResultSet('s4', token, pinnedFolder('B', '2', [8]))).toBe(true);
    expect(pinnedResultSet('s4', token)?.folders.map((f) => [f.folder, f.count])).toEqual([['A', 2], ['B', 1]]);
    for (let i = 0; i < 4; i++) pinResultSet('s4', `k${i}`, [inbox([i + 1])]);
    expect(pinnedResultSet('s4', token)).toBeNull();
    expect(addToResultSet('s4', token, pinnedFolder('C', '3', [1]))).toBe(false);
    forgetResultSets('s4');
  });

  it('a set too large to keep is not pinned', () => {
    const sparse = Array.from({ length: 200_000 }, (_, i) => i * 2 + 1);
    expect(pinResultSet('s5', 'k', [inbox(sparse)])).toBeNull();
    forgetResultSets('s5');
  });
});
