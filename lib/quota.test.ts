import { describe, expect, it } from 'vitest';
import { fullMailboxMessage, quotaUsage } from './quota';

describe('quotaUsage', () => {
  it('words bytes used of the limit, with the percentage', () => {
    expect(quotaUsage({ usedBytes: 1258291, limitBytes: 10485760 })).toEqual({ text: '1.2 MB of 10 MB', percent: 12 });
  });
  it('falls back to messages, caps at 100%, and is null without a limit', () => {
    expect(quotaUsage({ usedMessages: 60, limitMessages: 50 })).toEqual({ text: '60 of 50 messages', percent: 100 });
    expect(quotaUsage({ usedBytes: 5 })).toBeNull();
    expect(quotaUsage(null)).toBeNull();
  });
});

describe('fullMailboxMessage', () => {
  it('names the figures when known', () => {
    expect(fullMailboxMessage({ usedBytes: 20480, limitBytes: 20480 })).toBe('Your mailbox is full (20 KB of 20 KB used): delete or archive mail to make room.');
    expect(fullMailboxMessage(null)).toBe('Your mailbox is full: delete or archive mail to make room.');
  });
});
