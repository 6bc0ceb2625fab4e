import 'server-only';
import { ZodError } from 'zod';
import type { Locale } from '@/lib/i18n/config';
import type { FolderNameIssue } from '@/lib/schemas';
import { AppError, folderNameError, toErrorBody } from '../errors';
import { log } from '../log';
import { recordError } from '../metrics';

/**
 * What an API answer carries unless its route says otherwise. `no-transform` keeps Next from
 * gzipping it: Next's compression starts a zlib stream per response, 1-2 ms of a cheap request
 * (docs/PERFORMANCE.md, "What a request costs"); JSON crosses the network through nginx, which
 * compresses it (deploy/nginx/wren.conf), and loopback or a LAN gains nothing from it.
 */
export const API_CACHE_CONTROL = 'private, no-store, no-transform';

/**
 * Maps anything thrown to the one error shape. A 500 never echoes its cause; the log has it,
 * keyed by the request id that the response also carries.
 */
export function toErrorResponse(error: unknown, requestId: string, locale: Locale = 'en'): Response {
  const appError = toLoggedAppError(error, requestId);
  return Response.json(toErrorBody(appError.code, appError.messageIn(locale)), {
    status: appError.status,
    headers: { 'Cache-Control': API_CACHE_CONTROL, 'X-Request-Id': requestId },
  });
}

/** Any thrown value as the AppError the client is told about; 500s and upstream refusals are logged. */
export function toLoggedAppError(error: unknown, requestId: string): AppError {
  let appError: AppError;
  if (error instanceof AppError) {
    appError = error;
  } else if (error instanceof ZodError) {
    const first = error.issues[0];
    const folderName = first?.code === 'custom' ? (first.params as { folderName?: FolderNameIssue } | undefined)?.folderName : undefined;
    // The schema's words (lib/schemas.ts) are English: other languages get the field named.
    appError = folderName
      ? folderNameError(folderName)
      : first?.path.length
      ? new AppError('invalid_input', { key: 'invalidField', values: { field: first.path.join('.'), detail: first.message } })
      : new AppError('invalid_input', { key: 'serverSaid', values: { detail: first?.message ?? 'Invalid input' } });
  } else {
    appError = new AppError('internal');
  }
  recordError(appError.code);
  if (appError.code === 'internal') {
    log.error('request failed', { requestId, code: appError.code, cause: describe(error) });
  } else if (appError.status >= 500) {
    // The mail server said no (down, busy, over quota): worth a line, not an alarm.
    log.warn('request refused upstream', { requestId, code: appError.code, cause: describe(error) });
  }
  return appError;
}

function describe(error: unknown): string {
  if (error instanceof AppError && error.cause) return `${error.message} <- ${describe(error.cause)}`;
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return `${error.name}${code ? `[${code}]` : ''}: ${error.message}`;
  }
  return String(error);
}
