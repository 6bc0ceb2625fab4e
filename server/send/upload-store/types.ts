import 'server-only';
import type { Readable } from 'node:stream';

export interface Upload {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** An upload's bytes: a file (disk) or a stream read chunk by chunk (Redis). */
export type UploadSource = { path: string } | { content: Readable };

/**
 * Where uploads wait between the upload request and the send (or draft save) that uses them.
 * `body` arrives already size-checked per upload; a store may refuse more (a per-session cap)
 * with an AppError, and leaves nothing behind when `body` fails.
 */
export interface UploadStore {
  save(sessionId: string, upload: Omit<Upload, 'size'>, body: Readable): Promise<Upload>;
  get(sessionId: string, id: string): Promise<(Upload & { source: UploadSource }) | null>;
  remove(sessionId: string, id: string): Promise<void>;
  removeAll(sessionId: string): Promise<void>;
}
