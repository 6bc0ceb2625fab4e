import 'server-only';
import { randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { env } from '../env';
import { AppError, type ErrorText } from '../errors';
import { safeFilename } from '@/lib/filename';
import { processGlobal } from '../process-global';
import { isRedisStore } from '../session/redis-store';
import { store, type Session } from '../session/session';
import { onSignOut } from '../session/sign-out';
import { DiskUploadStore } from './upload-store/disk';
import { RedisUploadStore } from './upload-store/redis';
import type { Upload, UploadSource, UploadStore } from './upload-store/types';

export type { Upload } from './upload-store/types';

/**
 * Attachments wait between upload and send where every request of the session can reach them:
 * in Redis beside the sessions when REDIS_URL is set (several Wren processes, any of which may
 * receive the send), on disk otherwise (one process). Never whole in memory: Redis keeps them
 * as chunks, streamed in and out. Sign-out removes them; they expire after UPLOAD_TTL (Redis)
 * or a day (disk) when the session never signs out.
 */
function uploads(): UploadStore {
  return processGlobal<UploadStore>('uploads', () => {
    const sessions = store();
    return isRedisStore(sessions) ? new RedisUploadStore(sessions) : new DiskUploadStore();
  });
}

const ID = /^[A-Za-z0-9_-]{10,64}$/;
const GONE: ErrorText = { key: 'attachmentDoesNotExistIt' };

/** Stores an upload, refusing it with 413 as soon as it passes the size limit. */
export async function saveUpload(session: Session, body: ReadableStream<Uint8Array>, filename: string, contentType: string): Promise<Upload> {
  const limit = env().MAX_ATTACHMENT_BYTES;
  const id = randomBytes(16).toString('base64url');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) done(new AppError('payload_too_large', { key: 'attachmentsLimited', values: { mb: Math.floor(limit / 1024 / 1024) } }));
      else done(null, chunk);
    },
  });
  const source = Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]);
  source.on('error', (error) => counter.destroy(error));
  try {
    return await uploads().save(session.id, { id, filename: safeFilename(filename), contentType: cleanType(contentType) }, source.pipe(counter));
  } catch (error) {
    throw error instanceof AppError ? error : new AppError('bad_request', { key: 'theUploadDidNotComplete' }, { cause: error });
  }
}

function cleanType(type: string): string {
  const bare = type.split(';')[0].trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(bare) ? bare : 'application/octet-stream';
}

/** The upload's description and its bytes (a file or a stream); 404 for another session's or a removed one. */
export async function uploadOrThrow(session: Session, id: string): Promise<Upload & { source: UploadSource }> {
  if (!ID.test(id)) throw new AppError('not_found', GONE);
  const upload = await uploads().get(session.id, id);
  if (!upload) throw new AppError('not_found', GONE);
  return upload;
}

export async function deleteUpload(session: Session, id: string): Promise<void> {
  if (!ID.test(id)) throw new AppError('not_found', GONE);
  await uploads().remove(session.id, id);
}

onSignOut('uploads', (session) => uploads().removeAll(session.id));
