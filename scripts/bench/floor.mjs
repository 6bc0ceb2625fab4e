// THE FLOOR: the IMAP work Wren does for each operation, done by a plain imapflow script with
// Wren's own connection options (server/imap/client-options.mjs), on one held connection like Wren's pool. What Wren adds on top
// of this (HTTP, session, mapping, sanitizing) is what the bench measures.
import { ImapFlow } from 'imapflow';
import { imapClientOptions } from '../../server/imap/client-options.mjs';

/** server/mail/mime/read-part.ts DOWNLOAD_CHUNK and mime/bounds.ts MAX_DISPLAY_BYTES. */
export const DOWNLOAD_CHUNK = 1024 * 1024;
const MAX_DISPLAY_BYTES = 5 * 1024 * 1024;
/** server/mail/rows/fetch-rows.ts SUMMARY_QUERY: header items only. */
const SUMMARY_QUERY = { uid: true, envelope: true, flags: true, internalDate: true, size: true, bodyStructure: true };

/** An ImapFlow with Wren's connection options (the bench's Dovecot is plain IMAP on loopback). */
export function floorClient({ imapHost, imapPort, user, pass }) {
  return new ImapFlow(imapClientOptions({ host: imapHost, port: imapPort, tls: 'none', auth: { user, pass } }));
}

/** A connected floor client. */
export async function connectFloor(target) {
  const client = floorClient(target);
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** server/imap/pool.ts withMailbox: lock (SELECT when another folder is selected), else NOOP, then fn. */
export async function withMailbox(client, path, fn) {
  const wasSelected = client.mailbox && client.mailbox.path === path;
  const lock = await client.getMailboxLock(path);
  try {
    if (wasSelected) await client.noop();
    return await fn(client.mailbox);
  } finally {
    lock.release();
  }
}

/** folders.ts: LIST ... RETURN (STATUS (MESSAGES UNSEEN)). */
export function listFolders(client) {
  return client.list({ statusQuery: { messages: true, unseen: true } });
}

/** list.ts listMessages: the window `offset` from the newest, by sequence numbers. */
export function listPage(client, path, offset, limit = 50) {
  return withMailbox(client, path, async (mailbox) => {
    const end = mailbox.exists - offset;
    if (end < 1) return [];
    const start = Math.max(1, end - limit + 1);
    const fetched = await client.fetchAll(`${start}:${end}`, SUMMARY_QUERY);
    return fetched.sort((a, b) => b.seq - a.seq);
  });
}

/** structure.ts findBodyPart: HTML over plain in an alternative, else the first text part. */
export function findBodyPart(node) {
  const type = node.type.toLowerCase();
  if (type.startsWith('multipart/') && Array.isArray(node.childNodes)) {
    const found = node.childNodes.map(findBodyPart).filter(Boolean);
    return type === 'multipart/alternative' ? (found.find((c) => c.type === 'text/html') ?? found[0] ?? null) : (found[0] ?? null);
  }
  if ((node.disposition ?? '').toLowerCase() === 'attachment') return null;
  return type === 'text/html' || type === 'text/plain' ? { part: node.part ?? '1', type } : null;
}

async function drain(stream) {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.length;
  return bytes;
}

/** message.ts getMessage: envelope, flags, BODYSTRUCTURE and the header-size probe, then the one shown part. */
export function openMessage(client, path, uid) {
  return withMailbox(client, path, async () => {
    const query = { uid: true, envelope: true, flags: true, internalDate: true, bodyStructure: true, bodyParts: [{ key: 'HEADER', start: 256 * 1024, maxLength: 1 }] };
    const msg = await client.fetchOne(String(uid), query, { uid: true });
    const shown = findBodyPart(msg.bodyStructure);
    if (!shown) return 0;
    const section = msg.bodyStructure.childNodes ? shown.part : 'TEXT';
    const download = await client.download(String(uid), section, { uid: true, chunkSize: DOWNLOAD_CHUNK, maxBytes: MAX_DISPLAY_BYTES });
    return download.content ? drain(download.content) : 0;
  });
}

/** flags.ts setFlags: one UID STORE. */
export function setFlag(client, path, uid, flag, on) {
  return withMailbox(client, path, () =>
    on ? client.messageFlagsAdd(String(uid), [flag], { uid: true }) : client.messageFlagsRemove(String(uid), [flag], { uid: true }),
  );
}

/** server/mail/move.ts moveMessages on a server with MOVE and UIDPLUS: one UID MOVE; the new UIDs. */
export function moveMessages(client, path, uidSet, destination) {
  return withMailbox(client, path, async () => {
    const moved = await client.messageMove(uidSet, destination, { uid: true });
    return [...moved.uidMap.values()];
  });
}

/** "1:3,7" -> [1, 2, 3, 7]. */
export function expandUidSet(set) {
  const out = [];
  for (const part of set.split(',')) {
    const [a, b = a] = part.split(':').map(Number);
    for (let uid = Math.min(a, b); uid <= Math.max(a, b); uid++) out.push(uid);
  }
  return out;
}

/** search.ts searchFolder (uncached): UID SEARCH with ESEARCH, then the first page's headers. */
export function searchPage(client, path, query, limit = 50) {
  return withMailbox(client, path, async () => {
    const result = await client.search(query, { uid: true, returnOptions: ['ALL', 'COUNT'] });
    if (result === false) throw new Error('the server refused the search');
    const uids = (Array.isArray(result) ? result : result?.all ? expandUidSet(result.all) : []).sort((a, b) => b - a);
    const window = uids.slice(0, limit);
    const fetched = window.length ? await client.fetchAll(window.join(','), SUMMARY_QUERY, { uid: true }) : [];
    return { total: uids.length, messages: fetched.length };
  });
}

/** attachment.ts openAttachment: BODYSTRUCTURE, then the part streamed (FETCH BINARY, bytes as sent). */
export function downloadPart(client, path, uid, part) {
  return withMailbox(client, path, async () => {
    await client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true });
    const download = await client.download(String(uid), part, { uid: true, chunkSize: DOWNLOAD_CHUNK, decodeText: false, binary: true });
    return drain(download.content);
  });
}

