import 'server-only';
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RESP_TYPES } from '@redis/client';
import { env } from '../../env';
import { AppError } from '../../errors';
import type { RedisSessionStore } from '../../session/redis-store';
import type { Upload, UploadStore } from './types';

/**
 * Several Wren processes share one Redis: an upload that came in through one process is sent
 * (or saved into a draft) by whichever process the next request reaches. Each upload is a list
 * of chunks of at most CHUNK bytes, written as they arrive (the upload is never one value, nor
 * whole in Wren's memory) and read back one chunk at a time when the message is built. A hash
 * per session holds each upload's description and the session's byte total, which an atomic
 * HINCRBY checks against UPLOAD_SESSION_MAX_BYTES as the chunks come in, whichever process
 * receives them. Every key of a session expires UPLOAD_TTL seconds after its last upload.
 */
const CHUNK = 1024 * 1024;

type Described = Upload & { chunks: number };

function keysOf(sessionId: string, id?: string) {
  const tag = createHash('sha256').update(sessionId).digest('hex').slice(0, 32);
  return { session: `wren:uploads:${tag}`, data: id ? `wren:upload:${tag}:${id}` : '', tag };
}

function sessionCap(): number {
  return env().UPLOAD_SESSION_MAX_BYTES ?? 2 * env().MAX_ATTACHMENT_BYTES;
}

export class RedisUploadStore implements UploadStore {
  constructor(private readonly sessions: RedisSessionStore) {}

  private redis() {
    return this.sessions.connection();
  }

  async save(sessionId: string, upload: Omit<Upload, 'size'>, body: Readable): Promise<Upload> {
    const client = await this.redis();
    const keys = keysOf(sessionId, upload.id);
    const ttl = env().UPLOAD_TTL;
    // What arrived since the last chunk went out; joined once a chunk's worth is there.
    let parts: Buffer[] = [];
    let partBytes = 0;
    let counted = 0;
    let chunks = 0;
    const push = async (chunk: Buffer) => {
      counted += chunk.length;
      const total = await client.hIncrBy(keys.session, 'bytes', chunk.length);
      if (total > sessionCap()) {
        throw new AppError('payload_too_large', { key: 'uploadsWaitingLimit', values: { mb: Math.floor(sessionCap() / 1024 / 1024) } });
      }
      await client.multi().rPush(keys.data, chunk).expire(keys.data, ttl).expire(keys.session, ttl).exec();
      chunks += 1;
    };
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        parts.push(chunk);
        partBytes += chunk.length;
        if (partBytes < CHUNK) return done();
        let joined = Buffer.concat(parts, partBytes);
        void (async () => {
          while (joined.length >= CHUNK) {
            await push(joined.subarray(0, CHUNK));
            joined = joined.subarray(CHUNK);
          }
          parts = joined.length ? [joined] : [];
          partBytes = joined.length;
        })().then(() => done(), done);
      },
      final(done) {
        if (!partBytes) return done();
        push(Buffer.concat(parts, partBytes)).then(() => done(), done);
      },
    });
    try {
      await pipeline(body, sink);
    } catch (error) {
      await client.multi().del(keys.data).hIncrBy(keys.session, 'bytes', -counted).exec().catch(() => undefined);
      throw error;
    }
    const saved: Described = { ...upload, size: counted, chunks };
    await client.hSet(keys.session, `u:${upload.id}`, JSON.stringify(saved));
    // The session's uploads expire together: a description never outlives its bytes.
    const fields = await client.hKeys(keys.session);
    const refresh = client.multi().expire(keys.session, ttl);
    for (const field of fields) if (field.startsWith('u:')) refresh.expire(keysOf(sessionId, field.slice(2)).data, ttl);
    await refresh.exec();
    return { id: saved.id, filename: saved.filename, contentType: saved.contentType, size: saved.size };
  }

  async get(sessionId: string, id: string) {
    const client = await this.redis();
    const keys = keysOf(sessionId, id);
    const raw = await client.hGet(keys.session, `u:${id}`);
    if (!raw) return null;
    const described = JSON.parse(raw) as Described;
    if (described.chunks > 0 && !(await client.exists(keys.data))) return null;
    const binary = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    async function* chunks() {
      let read = 0;
      for (let index = 0; index < described.chunks; index++) {
        const chunk = (await binary.lIndex(keys.data, index)) as Buffer | null;
        if (!chunk) break;
        read += chunk.length;
        yield chunk;
      }
      // Never a message with a truncated attachment: an upload that expired meanwhile fails the build.
      if (read !== described.size) throw new AppError('not_found', { key: 'attachmentDoesNotExistIt' });
    }
    const upload: Upload = { id: described.id, filename: described.filename, contentType: described.contentType, size: described.size };
    return { ...upload, source: { content: Readable.from(chunks()) } };
  }

  async remove(sessionId: string, id: string) {
    const client = await this.redis();
    const keys = keysOf(sessionId, id);
    const raw = await client.hGet(keys.session, `u:${id}`);
    if (!raw) return;
    const { size } = JSON.parse(raw) as Described;
    // HDEL answers 1 in one process only: the byte total is given back once.
    if ((await client.hDel(keys.session, `u:${id}`)) === 1) await client.multi().del(keys.data).hIncrBy(keys.session, 'bytes', -size).exec();
  }

  async removeAll(sessionId: string) {
    const client = await this.redis();
    const keys = keysOf(sessionId);
    const fields = await client.hKeys(keys.session);
    const removal = client.multi().del(keys.session);
    for (const field of fields) if (field.startsWith('u:')) removal.del(keysOf(sessionId, field.slice(2)).data);
    await removal.exec();
  }
}
