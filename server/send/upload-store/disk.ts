import 'server-only';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { env } from '../../env';
import type { Upload, UploadStore } from './types';

/**
 * One Wren process without Redis: uploads wait on disk (never in memory), in a directory per
 * session named by a hash of the session id. Sign-out removes it; a day-old one is swept.
 * (turbopackIgnore: paths known only at run time would make the standalone build's file
 * tracing copy the whole project.)
 */
const DAY_MS = 24 * 3600_000;

function root(): string {
  return env().UPLOAD_DIR ?? join(tmpdir(), 'wren-uploads');
}

function sessionDir(sessionId: string): string {
  return join(root(), createHash('sha256').update(sessionId).digest('hex').slice(0, 32));
}

function pathsOf(sessionId: string, id: string) {
  const dir = sessionDir(sessionId);
  return { data: join(dir, `${id}.bin`), meta: join(dir, `${id}.json`) };
}

export class DiskUploadStore implements UploadStore {
  async save(sessionId: string, upload: Omit<Upload, 'size'>, body: Readable): Promise<Upload> {
    await mkdir(sessionDir(sessionId), { recursive: true, mode: 0o700 });
    void sweep();
    const { data, meta } = pathsOf(sessionId, upload.id);
    let size = 0;
    body.on('data', (chunk: Buffer) => void (size += chunk.length));
    try {
      await pipeline(body, createWriteStream(data, { mode: 0o600 }));
    } catch (error) {
      await rm(data, { force: true });
      throw error;
    }
    const saved: Upload = { ...upload, size };
    await writeFile(meta, JSON.stringify(saved), { mode: 0o600 });
    return saved;
  }

  async get(sessionId: string, id: string) {
    const { data, meta } = pathsOf(sessionId, id);
    try {
      const upload = JSON.parse(await readFile(/*turbopackIgnore: true*/ meta, 'utf8')) as Upload;
      return { ...upload, source: { path: data } };
    } catch {
      return null;
    }
  }

  async remove(sessionId: string, id: string) {
    const { data, meta } = pathsOf(sessionId, id);
    await Promise.all([rm(data, { force: true }), rm(meta, { force: true })]);
  }

  async removeAll(sessionId: string) {
    await rm(sessionDir(sessionId), { recursive: true, force: true });
  }
}

/** Removes session directories untouched for a day (sessions that never signed out). */
async function sweep(now = Date.now()) {
  try {
    for (const name of await readdir(/*turbopackIgnore: true*/ root())) {
      const dir = join(root(), name);
      if (now - (await stat(dir)).mtimeMs > DAY_MS) await rm(dir, { recursive: true, force: true });
    }
  } catch {
    // best effort
  }
}
