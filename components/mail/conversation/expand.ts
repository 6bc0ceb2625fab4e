import type { MessageSummaryDto } from '@/lib/types';

/**
 * The ids an action on `ids` reaches (#21): a conversation's row stands for every message of it
 * in its folder (`conversation.uids`), so archive, delete, move, read and star act on them all.
 * Loaded with the actions (mail-actions.ts), not with the mail view. A member's id is the row's
 * with its UID (lib/message-id.ts: `<uidvalidity>.<uid>.<path>`), made here by hand so that the
 * mail view's first download need not carry encodeMessageId.
 */
export function withConversations(loaded: MessageSummaryDto[], ids: string[]): string[] {
  const out = new Set(ids);
  for (const row of loaded) {
    if (!row.conversation || !out.has(row.id)) continue;
    for (const uid of row.conversation.uids) out.add(row.id.replace(/^(\d+)\.\d+\./, `$1.${uid}.`));
  }
  return [...out];
}
