import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { createClient, RESP_TYPES } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as uploadsRoute from '@/app/api/uploads/route';
import * as uploadRoute from '@/app/api/uploads/[id]/route';
import * as sendRoute from '@/app/api/send/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as actionRoute from '@/app/api/search/results/action/route';
import type { MessagePageDto } from '@/lib/types';
import { hasFlag, rawImap, uidsWithSubject } from '../support/dovecot';
import { settingsSwitcher } from '../support/tls-stack';
import { call, cookieFrom } from './call';

/*
 * What a later request needs from an earlier one lives where every Wren process reaches it
 * (#17): with REDIS_URL (as here), an upload waits in Redis, in chunks, bounded per upload and
 * per session, with a TTL; a search's pinned result set is shared there too, so "select all
 * results" works when the action reaches a process other than the one that searched (played
 * here by forgetting this process's own copy). The real thing, two processes behind nginx, is
 * e2e/browser/balanced.spec.ts.
 */

const USER = 'shard';
const MiB = 1024 * 1024;
const redis = createClient({ url: process.env.WREN_TEST_REDIS_URL ?? process.env.REDIS_URL });
const binary = redis.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
let imap: ImapFlow;
const use = settingsSwitcher();

beforeAll(async () => {
  await redis.connect();
  imap = await rawImap(USER);
});
afterAll(async () => {
  await imap.logout();
  await redis.close();
});

const signIn = async () => cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } }));

async function upload(cookie: string, name: string, data: Buffer) {
  const req = new Request('http://wren.test/api/uploads', {
    method: 'POST',
    headers: { host: 'wren.test', origin: 'http://wren.test', cookie, 'x-filename': encodeURIComponent(name), 'content-type': 'application/octet-stream' },
    body: new Uint8Array(data),
  });
  return uploadsRoute.POST(req, { params: Promise.resolve({}) });
}

/** The Redis keys of one upload: its chunk list, and its session's hash. */
async function keysOf(id: string) {
  const found: string[] = [];
  for await (const keys of redis.scanIterator({ MATCH: `wren:upload:*:${id}` })) found.push(...keys);
  expect(found).toHaveLength(1);
  const tag = found[0].split(':')[2];
  return { data: found[0], session: `wren:uploads:${tag}`, tag };
}

const sessionBytes = async (key: string) => Number((await redis.hGet(key, 'bytes')) ?? 0);

function attachmentPart(node: MessageStructureObject): string | null {
  if (node.childNodes) for (const child of node.childNodes) {
    const part = attachmentPart(child);
    if (part) return part;
  }
  return node.disposition === 'attachment' ? (node.part ?? '1') : null;
}

async function receivedAttachment(subject: string): Promise<Buffer> {
  let uids: number[] = [];
  await expect.poll(async () => (uids = await uidsWithSubject(imap, 'INBOX', subject)).length, { timeout: 10_000, interval: 100 }).toBe(1);
  const lock = await imap.getMailboxLock('INBOX');
  try {
    const msg = await imap.fetchOne(String(uids[0]), { uid: true, bodyStructure: true }, { uid: true });
    if (!msg) throw new Error('the message is gone');
    const part = attachmentPart(msg.bodyStructure!)!;
    const { content } = await imap.download(String(uids[0]), part, { uid: true });
    const chunks: Buffer[] = [];
    for await (const chunk of content!) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } finally {
    lock.release();
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('uploads in Redis', () => {
  it('an upload is kept in Redis as chunks of 1 MiB with a TTL, never on disk; the send reads it back byte for byte and removes it', async () => {
    const cookie = await signIn();
    // Every byte value, then random bytes: 2.5 MiB in all.
    const data = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(2.5 * MiB - 256)]);
    const res = await upload(cookie, 'bytes.bin', data);
    expect(res.status).toBe(201);
    const { id, size } = (await res.json()) as { id: string; size: number };
    expect(size).toBe(data.length);

    const keys = await keysOf(id);
    expect(await redis.lLen(keys.data)).toBe(3);
    expect(((await binary.lIndex(keys.data, 0)) as unknown as Buffer).length).toBe(MiB);
    expect(await sessionBytes(keys.session)).toBe(data.length);
    // Not on disk, where one process alone would find it (the store without REDIS_URL, same tag).
    expect(existsSync(join(process.env.UPLOAD_DIR ?? join(tmpdir(), 'wren-uploads'), keys.tag))).toBe(false);
    for (const key of [keys.data, keys.session]) {
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(24 * 3600);
    }

    const subject = `Shared upload ${randomUUID()}`;
    const sent = await call(sendRoute.POST, '/api/send', {
      method: 'POST',
      cookie,
      body: { composeId: randomUUID(), to: [{ name: '', address: `${USER}@example.com` }], subject, html: '<p>Bytes</p>', text: 'Bytes', attachments: [{ kind: 'upload', id }] },
    });
    expect(sent.status).toBe(200);
    expect(sha256(await receivedAttachment(subject))).toBe(sha256(data));
    // Sent: the upload has done its work.
    expect(await redis.exists(keys.data)).toBe(0);
    expect(await redis.hGet(keys.session, `u:${id}`)).toBeNull();
    expect(await sessionBytes(keys.session)).toBe(0);
  });

  it('past UPLOAD_SESSION_MAX_BYTES an upload is refused with 413 and leaves nothing; removing one makes room again', async () => {
    use({ UPLOAD_SESSION_MAX_BYTES: String(3 * MiB) });
    const cookie = await signIn();
    const first = await upload(cookie, 'one.bin', randomBytes(2 * MiB));
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const keys = await keysOf(id);

    const second = await upload(cookie, 'two.bin', randomBytes(2 * MiB));
    expect(second.status).toBe(413);
    expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(/waiting to be sent are limited to 3 MB/);
    expect(await sessionBytes(keys.session)).toBe(2 * MiB);
    expect(await redis.hLen(keys.session)).toBe(2); // bytes, and the first upload

    const removed = await call(uploadRoute.DELETE, `/api/uploads/${id}`, { method: 'DELETE', cookie, params: { id } });
    expect(removed.status).toBe(204);
    expect(await sessionBytes(keys.session)).toBe(0);
    expect(await redis.exists(keys.data)).toBe(0);
    expect((await upload(cookie, 'three.bin', randomBytes(2 * MiB))).status).toBe(201);
  });

  it('an upload over MAX_ATTACHMENT_BYTES is refused with 413 and leaves no chunk behind', async () => {
    use({ MAX_ATTACHMENT_BYTES: String(MiB) });
    const cookie = await signIn();
    const kept = (await (await upload(cookie, 'small.bin', randomBytes(1000))).json()) as { id: string };
    const keys = await keysOf(kept.id);
    const res = await upload(cookie, 'big.bin', randomBytes(3 * MiB));
    expect(res.status).toBe(413);
    expect(await sessionBytes(keys.session)).toBe(1000);
    expect(await redis.hLen(keys.session)).toBe(2);
  });

  it('sign-out removes the session’s uploads from Redis', async () => {
    const cookie = await signIn();
    const { id } = (await (await upload(cookie, 'a.bin', randomBytes(MiB + 10))).json()) as { id: string };
    const keys = await keysOf(id);
    expect(await redis.exists([keys.data, keys.session])).toBe(2);
    expect((await call(sessionRoute.DELETE, '/api/session', { method: 'DELETE', cookie })).status).toBeLessThan(300);
    // Sign-out's clean-ups run after its answer.
    await expect.poll(() => redis.exists([keys.data, keys.session]), { timeout: 5000, interval: 50 }).toBe(0);
  });
});

describe('search result sets through another process', () => {
  it('"select all results" acts on the set a search pinned even when this process never saw it (another process searched)', async () => {
    const cookie = await signIn();
    const word = `Sharded${randomBytes(3).toString('hex')}`;
    for (let i = 0; i < 3; i++) {
      await imap.append('INBOX', `From: a@example.com\r\nTo: ${USER}@example.com\r\nSubject: ${word} ${i}\r\nMessage-ID: <${randomUUID()}@wren.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\nHi\r\n`);
    }
    const res = await call(messagesRoute.GET, `/api/messages?folder=INBOX&q=${encodeURIComponent(word)}&offset=0&limit=1`, { cookie });
    const page = (await res.json()) as MessagePageDto;
    expect(page.total).toBe(3);
    expect(page.resultSet).toBeTruthy();

    // The action reaches a process that did not run the search: its own memory holds no set.
    (globalThis as unknown as Record<symbol, Map<string, unknown>>)[Symbol.for('wren.searchResultSets')].clear();
    const acted = await call(actionRoute.POST, '/api/search/results/action', {
      method: 'POST',
      cookie,
      body: { resultSet: page.resultSet!, count: 3, action: { type: 'flags', flagged: true } },
    });
    expect(acted.status).toBe(200);
    expect(((await acted.json()) as { count: number }).count).toBe(3);
    const uids = await uidsWithSubject(imap, 'INBOX', word);
    expect(uids).toHaveLength(3);
    const lock = await imap.getMailboxLock('INBOX');
    try {
      for (const uid of uids) expect(await hasFlag(imap, uid, '\\Flagged')).toBe(true);
    } finally {
      lock.release();
    }

    // A token no process knows: a clear 409, nothing done.
    const unknown = await call(actionRoute.POST, '/api/search/results/action', {
      method: 'POST',
      cookie,
      body: { resultSet: randomBytes(18).toString('base64url'), count: 3, action: { type: 'flags', seen: true } },
    });
    expect(unknown.status).toBe(409);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('results_changed');
  });
});
