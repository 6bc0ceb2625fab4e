import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, listsConversations, sortOf } from './sort';

describe('listsConversations', () => {
  it('groups only when conversations are on and the folder is in the default order', () => {
    expect(listsConversations(true, DEFAULT_SORT)).toBe(true);
    expect(listsConversations(true, 'date-desc')).toBe(false);
    expect(listsConversations(false, DEFAULT_SORT)).toBe(false);
    expect(listsConversations(undefined, DEFAULT_SORT)).toBe(false);
  });
});

describe('sortOf', () => {
  it("gives the folder's chosen order, else the default", () => {
    expect(sortOf({ INBOX: 'subject-asc' }, 'INBOX')).toBe('subject-asc');
    expect(sortOf({ INBOX: 'subject-asc' }, 'Sent')).toBe(DEFAULT_SORT);
    expect(sortOf(undefined, 'INBOX')).toBe(DEFAULT_SORT);
  });
});
