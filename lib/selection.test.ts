import { describe, expect, it } from 'vitest';
import { encodeMessageId } from './message-id';
import { selectionSchema } from './schemas';
import { selectionOf, toUidSet } from './selection';

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

  it('the schema accepts UID sets and "1:*", and refuses anything else', () => {
    const base = { folder: 'INBOX', uidValidity: '9' };
    expect(selectionSchema.safeParse({ ...base, uids: '1:*' }).success).toBe(true);
    expect(selectionSchema.safeParse({ ...base, uids: '1,3:5,9' }).success).toBe(true);
    expect(selectionSchema.safeParse({ ...base, uids: '1 OR 2' }).success).toBe(false);
    expect(selectionSchema.safeParse({ ...base, uids: '1\r\nA LOGOUT' }).success).toBe(false);
  });
});
