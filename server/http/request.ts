import 'server-only';
import { AppError } from './errors';

const MAX_JSON_BYTES = 64 * 1024;

/** Reads a bounded JSON body; anything else is a 400 or 413, never a 500. */
export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_JSON_BYTES) throw new AppError('payload_too_large');
  const text = await req.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError('payload_too_large');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'Request body must be JSON');
  }
}

/** The query string as a plain object, for zod. */
export function readQuery(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}
