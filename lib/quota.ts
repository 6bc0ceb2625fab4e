import { formatSize } from './format';
import type { QuotaDto } from './types';

/** The words of quotaUsage in the user's language (server/mail/quota-words.ts gives the request's). */
export interface QuotaWords {
  locale: string;
  bytes: (used: string, limit: string) => string;
  messages: (used: number, limit: number) => string;
}

const ENGLISH: QuotaWords = {
  locale: 'en',
  bytes: (used, limit) => `${used} of ${limit}`,
  messages: (used, limit) => `${used} of ${limit} messages`,
};

/** "1.2 MB of 10 MB" (or "40 of 50 messages"), or null when no limit is known. */
export function quotaUsage(q: QuotaDto | null, say: QuotaWords = ENGLISH): { text: string; percent: number } | null {
  if (q?.limitBytes) return { text: say.bytes(formatSize(q.usedBytes ?? 0, say.locale), formatSize(q.limitBytes, say.locale)), percent: percentOf(q.usedBytes, q.limitBytes) };
  if (q?.limitMessages) return { text: say.messages(q.usedMessages ?? 0, q.limitMessages), percent: percentOf(q.usedMessages, q.limitMessages) };
  return null;
}

function percentOf(used = 0, limit: number): number {
  return Math.min(100, Math.round((used / limit) * 100));
}

/** What the user reads when the mailbox is full: the figures, and what to do. */
export function fullMailboxMessage(q: QuotaDto | null): string {
  const usage = quotaUsage(q);
  return `Your mailbox is full${usage ? ` (${usage.text} used)` : ''}: delete or archive mail to make room.`;
}
