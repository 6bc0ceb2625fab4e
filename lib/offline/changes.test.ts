import { describe, expect, it } from 'vitest';
import type { MessageDto, MessagePageDto, MessageSummaryDto } from '../types';
import { countOf, describeChange, inUidSet, messageWithChanges, pageWithChanges, queuedAnswer } from './changes';

const row = (uid: number, subject: string, extra: Partial<MessageSummaryDto> = {}): MessageSummaryDto => ({
  id: `7.${uid}.SU5CT1g`,
  folder: 'INBOX',
  uid,
  from: null,
  subject,
  date: '2026-01-01T00:00:00Z',
  size: 1,
  seen: false,
  flagged: false,
  answered: false,
  hasAttachments: false,
  ...extra,
});
const page = (messages: MessageSummaryDto[]): MessagePageDto => ({ folder: 'INBOX', total: 60, offset: 0, messages, sync: { uidValidity: '7', uidNext: 10, highestModseq: '1' } as MessagePageDto['sync'] });
const sel = (uids: string) => ({ selection: { folder: 'INBOX', uidValidity: '7', uids } });

describe('changes queued offline', () => {
  it('reads UID sets as IMAP does', () => {
    expect(inUidSet(3, '1:3,7')).toBe(true);
    expect(inUidSet(7, '1:3,7')).toBe(true);
    expect(inUidSet(5, '1:3,7')).toBe(false);
    expect(inUidSet(900, '4:*')).toBe(true);
    expect(inUidSet(3, '4:*')).toBe(false);
  });

  it('apply to a kept first page in order: a star, then a move takes the row away', () => {
    const kept = page([row(3, 'Three'), row(2, 'Two'), row(1, 'One')]);
    const out = pageWithChanges(kept, [
      { path: '/api/messages/flags', body: { ...sel('3'), flagged: true }, label: '' },
      { path: '/api/messages/flags', body: { ids: ['7.1.SU5CT1g'], seen: true }, label: '' },
      { path: '/api/messages/move', body: { ...sel('2'), destination: 'Work' }, label: '' },
    ]);
    expect(out.messages.map((m) => [m.subject, m.flagged, m.seen])).toEqual([
      ['Three', true, false],
      ['One', false, true],
    ]);
    expect(out.total).toBe(59);
    expect(kept.messages).toHaveLength(3);
  });

  it('leave another folder’s rows alone', () => {
    const out = pageWithChanges(page([row(2, 'Two')]), [{ path: '/api/messages/delete', body: { selection: { folder: 'Work', uidValidity: '7', uids: '2' } }, label: '' }]);
    expect(out.messages).toHaveLength(1);
  });

  it('apply their flags to a kept message', () => {
    const message = { id: '7.4.SU5CT1g', folder: 'INBOX', seen: false, flagged: false } as MessageDto;
    expect(messageWithChanges(message, [{ path: '/api/messages/flags', body: { ...sel('1:5'), seen: true }, label: '' }])).toMatchObject({ seen: true, flagged: false });
    expect(messageWithChanges(message, [{ path: '/api/messages/flags', body: { ...sel('5'), seen: true }, label: '' }])).toMatchObject({ seen: false });
  });

  it('are named in words', () => {
    expect(describeChange('/api/messages/flags', { ...sel('3'), flagged: true }, ['Lunch'], 1)).toBe('Star “Lunch”');
    expect(describeChange('/api/messages/flags', { ids: ['x'], seen: false }, [], 1)).toBe('Mark a message unread');
    expect(describeChange('/api/messages/move', { ...sel('1:3'), destination: 'Work/Projects' }, ['a', 'b', 'c'], 3)).toBe('Move 3 messages to Projects');
    expect(describeChange('/api/messages/archive', sel('1'), [''], 1)).toBe('Archive “(no subject)”');
    expect(describeChange('/api/send', { subject: 'Hello' }, [], 0)).toBe('Send “Hello”');
  });

  it('count what they name, and are answered as the server would, with nothing to undo', () => {
    const known = [row(3, 'a'), row(2, 'b'), row(1, 'c')];
    expect(countOf(sel('2:3'), known)).toBe(2);
    expect(countOf(sel('1,3'), known)).toBe(2);
    expect(countOf({ ids: ['a', 'b'] }, known)).toBe(2);
    expect(queuedAnswer('/api/messages/move', 2)).toEqual({ count: 2, undo: null, queued: true });
    expect(queuedAnswer('/api/send', 1)).toEqual({ messageId: '', warnings: [], queued: true });
    expect(queuedAnswer('/api/messages/flags', 1)).toEqual({ updated: true });
  });
});
