import { describe, expect, it } from 'vitest';
import { forgetFolderMarks, noteFolderStatus } from './folder-marks';

describe('noteFolderStatus', () => {
  it('a baseline only records; the same STATUS again is nothing; a new HIGHESTMODSEQ is news', () => {
    const session = 'marks-1';
    expect(noteFolderStatus(session, { path: 'Work', messages: 1, uidNext: 2, highestModseq: '5' }, true)).toBe(false);
    expect(noteFolderStatus(session, { path: 'Work', messages: 1, uidNext: 2, highestModseq: '5' }, false)).toBe(false);
    // A flag change: counts the same, HIGHESTMODSEQ moved.
    expect(noteFolderStatus(session, { path: 'Work', messages: 1, uidNext: 2, highestModseq: '6' }, false)).toBe(true);
    // The answer to NOTIFY or a STATUS that differs from what was known is news too.
    expect(noteFolderStatus(session, { path: 'Work', highestModseq: '9' }, true)).toBe(true);
    forgetFolderMarks(session);
  });

  it('a folder never seen is news unless it is a baseline; INBOX is one folder whatever its case', () => {
    const session = 'marks-2';
    expect(noteFolderStatus(session, { path: 'Sent', messages: 0, uidNext: 1 }, false)).toBe(true);
    expect(noteFolderStatus(session, { path: 'inbox', highestModseq: '3' }, true)).toBe(false);
    expect(noteFolderStatus(session, { path: 'INBOX', highestModseq: '3' }, false)).toBe(false);
    expect(noteFolderStatus(session, { path: 'INBOX', highestModseq: '4' }, false)).toBe(true);
    forgetFolderMarks(session);
    expect(noteFolderStatus(session, { path: 'INBOX', highestModseq: '4' }, true)).toBe(false);
  });

  it('a STATUS with nothing to compare is nothing', () => {
    expect(noteFolderStatus('marks-3', { path: 'Work' }, false)).toBe(false);
  });
});
