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

/**
 * The attachment's lowest floor: one `UID FETCH uid (BINARY.PEEK[part])` of the whole part on a
 * plain TCP connection of its own (the bench's Dovecot is plain IMAP on loopback), its bytes
 * counted as they arrive from the socket and never decoded or kept. `open` logs in and selects
 * `path` (untimed); `fetchPart` answers the literal's length once the tagged OK has arrived.
 */
export async function rawSocketSession({ imapHost, imapPort, user, pass }, path) {
  const { connect } = await import('node:net');
  const socket = connect(imapPort, imapHost);
  socket.setNoDelay(true);
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let tagCount = 0;
  const quote = (s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  /** Sends one command; `onData` sees every chunk until the tagged answer, which must be OK. */
  const command = (text, onData = () => {}) =>
    new Promise((resolve, reject) => {
      const tag = `r${++tagCount}`;
      let tail = '';
      const done = new RegExp(`(?:^|\\r\\n)${tag} (OK|NO|BAD)[^\\r\\n]*\\r\\n$`);
      const listen = (chunk) => {
        onData(chunk);
        // Only the last bytes are looked at: the literal is never turned into a string.
        tail = (tail + chunk.toString('latin1', Math.max(0, chunk.length - 256))).slice(-256);
        const found = done.exec(tail);
        if (!found) return;
        socket.off('data', listen);
        if (found[1] === 'OK') resolve();
        else reject(new Error(`${text.split(' ')[0]}: ${tail.trim()}`));
      };
      socket.on('data', listen);
      socket.write(`${tag} ${text}\r\n`);
    });
  await new Promise((resolve) => socket.once('data', resolve));
  await command(`LOGIN ${quote(user)} ${quote(pass)}`);
  await command(`SELECT ${quote(path)}`);
  return {
    async fetchPart(uid, part) {
      let head = '';
      let total = 0;
      await command(`UID FETCH ${uid} (BINARY.PEEK[${part}])`, (chunk) => {
        total += chunk.length;
        if (head.length < 200) head += chunk.toString('latin1', 0, Math.min(chunk.length, 200));
      });
      const literal = /\{(\d+)\}\r\n/.exec(head);
      if (!literal) throw new Error(`no literal in the FETCH answer: ${head.slice(0, 80)}`);
      if (total < Number(literal[1])) throw new Error(`FETCH BINARY: ${total} bytes arrived for a ${literal[1]}-byte literal`);
      return Number(literal[1]);
    },
    close: () => new Promise((resolve) => socket.end('z LOGOUT\r\n', resolve)),
  };
}

/**
 * Part `part` of `uid` in the selected mailbox as Wren's attachment.ts streams it: FETCH BINARY
 * windows of `window` bytes with `ahead` FETCHes in flight (imapflow pipelines them), the reader
 * taking each at once. For the window sizes the bench compares.
 */
export async function windowedPart(client, path, uid, part, window, ahead) {
  return withMailbox(client, path, async () => {
    const fetchWindow = (start) =>
      client.fetchOne(String(uid), { bodyParts: [{ key: part, start, maxLength: window }] }, { uid: true, binary: true }).then((msg) => msg.bodyParts.get(part));
    const queue = [];
    let next = 0;
    const ask = () => {
      queue.push(fetchWindow(next));
      next += window;
    };
    for (let i = 0; i < ahead; i++) ask();
    let bytes = 0;
    while (queue.length) {
      const chunk = await queue.shift();
      bytes += chunk.length;
      if (chunk.length !== window) break;
      ask();
    }
    await Promise.allSettled(queue);
    return bytes;
  });
}
