import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { env } from '../env';
import { AppError } from '../errors';
import { safeFilename } from '@/lib/filename';
import type { Session } from '../session/session';
import { onSignOut } from '../session/sign-out';

/**
 * Attachments wait on disk (never in memory) between upload and send, in a directory per
 * session named by a hash of the session id. Sign-out removes it; a day-old one is swept.
 */

export interface Upload {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

const DAY_MS = 24 * 3600_000;

function root(): string {
  return env().UPLOAD_DIR ?? join(tmpdir(), 'wren-uploads');
}

function sessionDir(sessionId: string): string {
  return join(root(), createHash('sha256').update(sessionId).digest('hex').slice(0, 32));
}

const ID = /^[A-Za-z0-9_-]{10,64}$/;

function pathsOf(session: Session, id: string) {
  if (!ID.test(id)) throw new AppError('not_found', 'Attachment does not exist');
  const dir = sessionDir(session.id);
  return { data: join(dir, `${id}.bin`), meta: join(dir, `${id}.json`) };
}

/** Stores an upload, refusing it with 413 as soon as it passes the size limit. */
export async function saveUpload(session: Session, body: ReadableStream<Uint8Array>, filename: string, contentType: string): Promise<Upload> {
  const limit = env().MAX_ATTACHMENT_BYTES;
  const id = randomBytes(16).toString('base64url');
  const dir = sessionDir(session.id);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  void sweep();
  const { data, meta } = pathsOf(session, id);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) done(new AppError('payload_too_large', `Attachments are limited to ${Math.floor(limit / 1024 / 1024)} MB`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]), counter, createWriteStream(data, { mode: 0o600 }));
  } catch (error) {
    await rm(data, { force: true });
    throw error instanceof AppError ? error : new AppError('bad_request', 'The upload did not complete', { cause: error });
  }
  const upload: Upload = { id, filename: safeFilename(filename), contentType: cleanType(contentType), size };
  await writeFile(meta, JSON.stringify(upload), { mode: 0o600 });
  return upload;
}

function cleanType(type: string): string {
  const bare = type.split(';')[0].trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(bare) ? bare : 'application/octet-stream';
}

/** The upload's description and where its bytes are; 404 for another session's or a removed one. */
export async function uploadOrThrow(session: Session, id: string): Promise<Upload & { path: string }> {
  const { data, meta } = pathsOf(session, id);
  try {
    const upload = JSON.parse(await readFile(meta, 'utf8')) as Upload;
    return { ...upload, path: data };
  } catch {
    throw new AppError('not_found', 'Attachment does not exist (it may have expired): attach it again');
  }
}

export async function deleteUpload(session: Session, id: string): Promise<void> {
  const { data, meta } = pathsOf(session, id);
  await Promise.all([rm(data, { force: true }), rm(meta, { force: true })]);
}

async function deleteSessionUploads(sessionId: string): Promise<void> {
  await rm(sessionDir(sessionId), { recursive: true, force: true });
}

onSignOut('uploads', (session) => deleteSessionUploads(session.id));

/** Removes session directories untouched for a day (sessions that never signed out). */
async function sweep(now = Date.now()) {
  try {
    for (const name of await readdir(root())) {
      const dir = join(root(), name);
      if (now - (await stat(dir)).mtimeMs > DAY_MS) await rm(dir, { recursive: true, force: true });
    }
  } catch {
    // best effort
  }
}
