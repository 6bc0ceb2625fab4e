import 'server-only';
import { AppError } from '../errors';

const MAX_JSON_BYTES = 64 * 1024;

/** The composer's messages: two 5 MB bodies (HTML and text) and the rest. */
export const MAX_COMPOSE_JSON_BYTES = 12 * 1024 * 1024;

async function readBounded(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new AppError('payload_too_large');
  const text = await req.text();
  if (text.length > maxBytes) throw new AppError('payload_too_large');
  return text;
}

/** Reads a bounded JSON body (64 KB unless said); anything else is a 400 or 413, never a 500. */
export async function readJson(req: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const text = await readBounded(req, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', { key: 'requestBodyMustBeJson' });
  }
}

/** Reads a bounded form body (application/x-www-form-urlencoded, 64 KB at most). */
export async function readForm(req: Request, maxBytes = MAX_JSON_BYTES): Promise<URLSearchParams> {
  return new URLSearchParams(await readBounded(req, maxBytes));
}

/** The query string as a plain object, for zod. */
export function readQuery(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}
