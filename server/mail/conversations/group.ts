/**
 * Conversations without THREAD (a server that does not announce it): messages grouped by their
 * Message-ID, In-Reply-To and References, never by subject. Pure, so it is unit-tested.
 */

export interface ThreadHeaders {
  uid: number;
  messageId: string | null;
  /** In-Reply-To and References together: every Message-ID this message names as an ancestor. */
  parents: string[];
}

/** The `<...>` ids of a Message-ID, In-Reply-To or References value, lower-cased. */
export function messageIdsOf(value: string | null | undefined): string[] {
  return (value ?? '').match(/<[^<>\s]+>/g)?.map((id) => id.toLowerCase()) ?? [];
}

/** Reads Message-ID, In-Reply-To and References from a block of raw header lines. */
export function threadHeadersOf(uid: number, raw: string): ThreadHeaders {
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
  const field = (name: string) =>
    unfolded
      .split(/\r?\n/)
      .filter((line) => line.toLowerCase().startsWith(`${name}:`))
      .map((line) => line.slice(name.length + 1))
      .join(' ');
  return {
    uid,
    messageId: messageIdsOf(field('message-id'))[0] ?? null,
    parents: [...messageIdsOf(field('in-reply-to')), ...messageIdsOf(field('references'))],
  };
}

/**
 * The conversations of `messages`: two messages are in one when one names the other (or both
 * name a third, present or not) as an ancestor. Union-find over UIDs and Message-IDs.
 */
export function groupByReferences(messages: ThreadHeaders[]): number[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = x; at !== root; ) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const add = (x: string) => parent.has(x) || parent.set(x, x);
  const union = (a: string, b: string) => {
    add(a);
    add(b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const m of messages) {
    const key = `#${m.uid}`;
    add(key);
    if (m.messageId) union(key, m.messageId);
    for (const id of m.parents) union(key, id);
  }
  const groups = new Map<string, number[]>();
  for (const m of messages) {
    const root = find(`#${m.uid}`);
    groups.set(root, [...(groups.get(root) ?? []), m.uid]);
  }
  return [...groups.values()];
}

/**
 * Conversations newest first, each newest first: a conversation's place is its newest message's
 * (the highest UID, the list's arrival order), as the flat list would place that message.
 */
export function orderConversations(threads: number[][]): number[][] {
  return threads
    .map((uids) => [...new Set(uids)].sort((a, b) => b - a))
    .filter((uids) => uids.length > 0)
    .sort((a, b) => b[0] - a[0]);
}
