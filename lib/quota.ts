import { formatSize } from './format';
import type { QuotaDto } from './types';

/** "1.2 MB of 10 MB" (or "40 of 50 messages"), or null when no limit is known. */
export function quotaUsage(q: QuotaDto | null): { text: string; percent: number } | null {
  if (q?.limitBytes) return { text: `${formatSize(q.usedBytes ?? 0)} of ${formatSize(q.limitBytes)}`, percent: percentOf(q.usedBytes, q.limitBytes) };
  if (q?.limitMessages) return { text: `${q.usedMessages ?? 0} of ${q.limitMessages} messages`, percent: percentOf(q.usedMessages, q.limitMessages) };
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
