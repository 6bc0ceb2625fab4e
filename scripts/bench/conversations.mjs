// Conversations (#21) in the bench: each pair is the floor's IMAP work (the same commands Wren's
// server/mail/conversations/ sends, on the held floor connection) and Wren's HTTP call.
//
// - first page of 50 conversations: UID THREAD REFS over the newest window (threads.ts SPAN_MIN),
//   then one UID FETCH of the page's messages (header items);
// - open a conversation of 5 messages (3 in the folder, 2 in Sent): the message's thread
//   headers, LIST, then per folder (the folder, Sent, Archive) UID SEARCH HEADER over the newest
//   5,000 and UID FETCH of what it found (open.ts);
// - THREAD over the whole folder (floor only, one figure): what threading without a window
//   would cost, the measurement #21 asks for before choosing the window.
import { randomUUID } from 'node:crypto';
import * as floor from './floor.mjs';
import { messageId } from './ops.mjs';

/** server/mail/conversations/threads.ts SPAN_MIN and open.ts SEARCH_SPAN, IDS_MAX. */
const SPAN_MIN = 500;
const SEARCH_SPAN = 5000;
const SUMMARY_QUERY = { uid: true, envelope: true, flags: true, internalDate: true, size: true, bodyStructure: true };

function expect(what, got, wanted) {
  if (got !== wanted) throw new Error(`${what}: got ${got}, expected ${wanted}`);
}

/** server/imap/commands/thread.ts uidThread: UID THREAD REFS UTF-8 <sequence>, the UID lists. */
export async function uidThread(client, sequence) {
  const threads = [];
  const walk = (node, out) => {
    if (Array.isArray(node)) for (const child of node) walk(child, out);
    else if (node && /^\d+$/.test(String(node.value))) out.push(Number(node.value));
    return out;
  };
  const response = await client.exec(
    'UID THREAD',
    [
      { type: 'ATOM', value: 'REFS' },
      { type: 'ATOM', value: 'UTF-8' },
      { type: 'SEQUENCE', value: sequence },
    ],
    { untagged: { THREAD: async (untagged) => threads.push(...(untagged.attributes ?? []).map((t) => walk(t, [])).filter((t) => t.length)) } },
  );
  response.next();
  return threads;
}

/** A conversation of five: Ann's question and two answers of hers in `path`, two of the user's in Sent. */
async function appendConversation(client, path, sent, user) {
  const tag = randomUUID().slice(0, 8);
  const ids = [0, 1, 2, 3, 4].map((i) => `<bench-conv-${tag}-${i}@wren.test>`);
  const inFolder = [0, 2, 4];
  for (let i = 0; i < 5; i++) {
    const from = inFolder.includes(i) ? 'Ann Bench <ann@bench.test>' : `${user} <${user}@bench.test>`;
    const refs = ids.slice(0, i);
    const headers = [`From: ${from}`, `To: ${user}@bench.test`, `Subject: ${i ? 'Re: ' : ''}Bench conversation ${tag}`, `Date: ${new Date(Date.now() + i * 1000).toUTCString()}`, `Message-ID: ${ids[i]}`];
    if (refs.length) headers.push(`In-Reply-To: ${refs[refs.length - 1]}`, `References: ${refs.join(' ')}`);
    await client.append(inFolder.includes(i) ? path : sent, `${headers.join('\r\n')}\r\n\r\nMessage ${i} of the bench conversation.\r\n`, i === 4 ? [] : ['\\Seen']);
  }
  return { tag, newestId: ids[4], ids };
}

/** The pairs for `folder` (a manifest entry); appends the conversation first (3 messages: counts move by 3). */
export async function conversationOps(ctx, folder) {
  const { floorClient: client, wren, reps, target } = ctx;
  const path = folder.path;
  const folders = await client.list();
  const sent = folders.find((f) => f.specialUse === '\\Sent')?.path;
  const archive = folders.find((f) => f.specialUse === '\\Archive')?.path;
  if (!sent) throw new Error('the bench account has no \\Sent folder');
  const conversation = await appendConversation(client, path, sent, target.user);
  const { uidValidity, uid: newestUid } = await floor.withMailbox(client, path, async (mailbox) => ({
    uidValidity: mailbox.uidValidity,
    uid: (await client.search({ header: { 'message-id': conversation.newestId } }, { uid: true }))[0],
  }));
  const rowId = messageId(uidValidity, newestUid, path);
  const windowOf = (exists) => `${Math.max(1, exists - SPAN_MIN + 1)}:*`;

  const floorFirstPage = () =>
    floor.withMailbox(client, path, async (mailbox) => {
      const threads = (await uidThread(client, windowOf(mailbox.exists))).map((t) => t.sort((a, b) => b - a)).sort((a, b) => b[0] - a[0]);
      const page = threads.slice(0, 50);
      const fetched = await client.fetchAll(page.flat().join(','), SUMMARY_QUERY, { uid: true });
      expect('conversation on top', page[0].length, 3);
      return fetched.length;
    });

  const criteria = (exists, ids) => ({ seq: `${Math.max(1, exists - SEARCH_SPAN + 1)}:*`, or: ids.flatMap((id) => ['message-id', 'references', 'in-reply-to'].map((f) => ({ header: { [f]: id } }))) });
  const floorOpen = async () => {
    const ids = await floor.withMailbox(client, path, async () => {
      await client.fetchOne(String(newestUid), { uid: true, headers: ['message-id', 'in-reply-to', 'references'] }, { uid: true });
      return [conversation.ids[0], conversation.ids[3], conversation.ids[2], conversation.ids[1], conversation.ids[4]];
    });
    await client.list();
    let found = 0;
    for (const p of [path, sent, archive].filter(Boolean)) {
      found += await floor.withMailbox(client, p, async (mailbox) => {
        if (mailbox.exists < 1) return 0;
        const uids = ((await client.search(criteria(mailbox.exists, ids), { uid: true })) || []).sort((a, b) => b - a).slice(0, 50);
        return uids.length ? (await client.fetchAll(uids.join(','), SUMMARY_QUERY, { uid: true })).length : 0;
      });
    }
    expect('messages of the conversation', found, 5);
  };

  return [
    {
      op: 'first page of 50 conversations',
      reps: reps.fast,
      floor: floorFirstPage,
      wren: async () => {
        const page = await wren.json('GET', `/api/messages?folder=${encodeURIComponent(path)}&offset=0&limit=50&threads=1`);
        expect('rows', page.messages.length, 50);
        expect('conversation on top', page.messages[0].conversation?.uids.length, 3);
      },
    },
    {
      op: 'open a conversation of 5 (folder and Sent)',
      reps: reps.fast,
      floor: floorOpen,
      wren: async () => expect('messages', (await wren.json('GET', `/api/conversations/${rowId}`)).messages.length, 5),
    },
    {
      // One figure on the floor's side: THREAD with no window, for the record (no Wren request does this).
      op: 'THREAD REFS over the whole folder (floor only)',
      reps: Math.min(reps.search, 5),
      floor: () => floor.withMailbox(client, path, () => uidThread(client, '1:*')),
      wren: null,
    },
  ];
}
