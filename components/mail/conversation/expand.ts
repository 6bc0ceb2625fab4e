import { decodeMessageId, encodeMessageId } from '@/lib/message-id';
import type { MessageSummaryDto } from '@/lib/types';

/**
 * The ids an action on `ids` reaches (#21): a conversation's row stands for every message of it
 * in its folder (`conversation.uids`), so archive, delete, move, read and star act on them all.
 * Loaded with the actions (mail-actions.ts), not with the mail view.
 */
export function withConversations(loaded: MessageSummaryDto[], ids: string[]): string[] {
  const out = new Set(ids);
  for (const row of loaded) {
    if (!row.conversation || !out.has(row.id)) continue;
    const ref = decodeMessageId(row.id);
    if (ref) for (const uid of row.conversation.uids) out.add(encodeMessageId({ ...ref, uid }));
  }
  return [...out];
}
