import { describe, expect, it } from 'vitest';
import { decodeMessageId, encodeMessageId } from '@/lib/message-id';
import type { MessageSummaryDto } from '@/lib/types';
import { withConversations } from './expand';

const row = (uid: number, uids?: number[]) =>
  ({ id: encodeMessageId({ path: 'Team/2025.1', uidValidity: '77', uid }), uid, conversation: uids && { uids, participants: [] } }) as MessageSummaryDto;

describe('withConversations', () => {
  it("widens a conversation's row to every message of it in the folder, and leaves other ids as they are", () => {
    const loaded = [row(9, [9, 4, 2]), row(8), row(7, [7, 1])];
    const ids = withConversations(loaded, [loaded[0].id, loaded[1].id]);
    expect(ids.map((id) => decodeMessageId(id))).toEqual([9, 8, 4, 2].map((uid) => ({ path: 'Team/2025.1', uidValidity: '77', uid })));
  });
});
