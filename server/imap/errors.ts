import 'server-only';
import { AppError } from '../errors';
import { describeTlsFailure } from '../tls.mjs';

interface ImapLikeError {
  code?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
}

// Errors that mean the socket is gone (server restarted, network dropped): the connection is
// evicted and, for a request that has not reached the server yet, retried once on a fresh one.
const CONNECTION_CODES = new Set([
  'NoConnection',
  'EConnectionClosed',
  'StateLogout',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'ETIMEOUT',
  'ECONNRESET',
  'EPIPE',
]);

const UNREACHABLE_CODES = new Set([
  ...CONNECTION_CODES,
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);

/** The server's per-user connection cap (Dovecot: mail_max_userip_connections, 10 by default). */
export function isConnectionLimitError(error: unknown): boolean {
  const e = (error ?? {}) as ImapLikeError;
  return e.serverResponseCode === 'LIMIT' || /maximum number of connections/i.test(e.responseText ?? '');
}

export function isConnectionError(error: unknown): boolean {
  const code = (error as ImapLikeError | null)?.code;
  return typeof code === 'string' && CONNECTION_CODES.has(code);
}

/** Maps an imapflow or socket error to the API's error table. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // Before anything else: a certificate refused is not an outage, and its message says what to set.
  const tls = describeTlsFailure(error, 'IMAP');
  if (tls) return new AppError('imap_tls', tls.message, { cause: error });
  const e = (error ?? {}) as ImapLikeError;
  // Checked before authenticationFailed: imapflow sets that flag for any refused login.
  if (isConnectionLimitError(error)) return new AppError('imap_busy', undefined, { cause: error });
  if (e.authenticationFailed) return new AppError('auth_failed', undefined, { cause: error });
  if (e.code && UNREACHABLE_CODES.has(e.code)) return new AppError('imap_unavailable', undefined, { cause: error });
  // Dovecot answers SELECT of a folder another client deleted while it was selected here with
  // "NO Mailbox was deleted under us" (no response code): gone too, not a server fault.
  if (e.serverResponseCode === 'NONEXISTENT' || /doesn't exist|does not exist|unknown mailbox|deleted under us/i.test(e.responseText ?? '')) {
    return new AppError('not_found', { key: 'folderDoesNotExist' }, { cause: error });
  }
  return new AppError('internal', undefined, { cause: error });
}
