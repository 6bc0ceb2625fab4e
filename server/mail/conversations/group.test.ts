import { describe, expect, it } from 'vitest';
import { groupByReferences, orderConversations, threadHeadersOf } from './group';
import { conversationIds } from './open';

const sorted = (groups: number[][]) => groups.map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);

describe('threadHeadersOf', () => {
  it('reads Message-ID, In-Reply-To and folded References, case-insensitively', () => {
    const raw = 'Message-ID: <C@x>\r\nIn-Reply-To: <B@x>\r\nReferences: <A@x>\r\n <B@x>\r\n\r\n';
    expect(threadHeadersOf(3, raw)).toEqual({ uid: 3, messageId: '<c@x>', parents: ['<b@x>', '<a@x>', '<b@x>'] });
    expect(threadHeadersOf(4, '')).toEqual({ uid: 4, messageId: null, parents: [] });
  });
});

describe('groupByReferences', () => {
  it('joins replies to their ancestors, and siblings through an ancestor that is not there', () => {
    const groups = groupByReferences([
      { uid: 1, messageId: '<a>', parents: [] },
      { uid: 2, messageId: '<x>', parents: [] },
      { uid: 3, messageId: '<c>', parents: ['<a>', '<b>'] },
      { uid: 4, messageId: '<d>', parents: ['<gone>'] },
      { uid: 5, messageId: '<e>', parents: ['<gone>'] },
    ]);
    expect(sorted(groups)).toEqual([[1, 3], [2], [4, 5]]);
  });

  it('never groups by subject: messages naming nothing stay apart', () => {
    expect(sorted(groupByReferences([1, 2, 3].map((uid) => ({ uid, messageId: null, parents: [] }))))).toEqual([[1], [2], [3]]);
  });
});

describe('orderConversations', () => {
  it('puts each conversation at its newest message, newest first', () => {
    expect(orderConversations([[1, 9], [5], [3, 7]])).toEqual([[9, 1], [7, 3], [5]]);
  });
});

describe('conversationIds', () => {
  it('asks for the root, the nearest ancestors and the message itself, at most six', () => {
    expect(conversationIds('<m>', ['<r>', '<1>', '<2>', '<3>', '<4>', '<5>', '<6>'])).toEqual(['<r>', '<6>', '<5>', '<4>', '<3>', '<m>']);
    expect(conversationIds('<m>', [])).toEqual(['<m>']);
    expect(conversationIds(null, [])).toEqual([]);
  });
});
