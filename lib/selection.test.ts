import { describe, expect, it } from 'vitest';
import { encodeMessageId } from './message-id';
import { selectionSchema } from './schemas';
import { expandUidSet, selectionOf, selectionsOf, toUidSet } from './selection';

describe('UID sets', () => {
  it('compresses runs', () => {
    expect(toUidSet([7, 1, 2, 3, 9, 10, 3])).toBe('1:3,7,9:10');
    expect(toUidSet([5])).toBe('5');
  });

  it('builds a selection from ids of one folder, null across folders', () => {
    const id = (path: string, uid: number) => encodeMessageId({ path, uidValidity: '9', uid });
    expect(selectionOf([id('INBOX', 4), id('INBOX', 5)])).toEqual({ folder: 'INBOX', uidValidity: '9', uids: '4:5' });
    expect(selectionOf([id('INBOX', 4), id('Work', 5)])).toBeNull();
    expect(selectionOf([])).toBeNull();
  });

  it('groups ids of several folders into one selection each', () => {
    const id = (path: string, uid: number) => encodeMessageId({ path, uidValidity: '9', uid });
    expect(selectionsOf([id('INBOX', 4), id('Work', 5), id('INBOX', 6), 'junk'])).toEqual([
      { folder: 'INBOX', uidValidity: '9', uids: '4,6' },
      { folder: 'Work', uidValidity: '9', uids: '5' },
    ]);
  });

  it('expands a server UID set newest first, bounded', () => {
    expect(expandUidSet('1:3,7,5', 100)).toEqual([7, 5, 3, 2, 1]);
    expect(expandUidSet('1:4294967295', 3)).toEqual([3, 2, 1]);
    expect(expandUidSet('x,0,2', 10)).toEqual([2]);
  });

  it('the schema accepts UID sets and "1:*", and refuses anything else', () => {
    const base = { folder: 'INBOX', uidValidity: '9' };
    expect(selectionSchema.safeParse({ ...base, uids: '1:*' }).success).toBe(true);
    expect(selectionSchema.safeParse({ ...base, uids: '1,3:5,9' }).success).toBe(true);
    expect(selectionSchema.safeParse({ ...base, uids: '1 OR 2' }).success).toBe(false);
    expect(selectionSchema.safeParse({ ...base, uids: '1\r\nA LOGOUT' }).success).toBe(false);
  });
});
