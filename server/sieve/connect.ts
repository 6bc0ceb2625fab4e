import 'server-only';
import { env, isLoopbackHost } from '../env';
import { AppError, type ErrorText } from '../errors';
import { log } from '../log';
import { sessionCredentials, type Session } from '../session/session';
import { describeTlsFailure, trustedCertificates } from '../tls.mjs';
import { ManageSieveClient, SieveError, type SieveTarget } from './client';

/*
 * A ManageSieve connection for one request, signed in as the session's user with the IMAP
 * credentials (unsealed only to log in, as the IMAP pool does), logged out when the work is
 * done. Failures become API errors: no ManageSieve at all is `sieve_unavailable` (the UI hides
 * filters and says why), TLS problems `sieve_tls` with the cause and the setting to change.
 */

/** Where ManageSieve is, or null when SIEVE_PORT=0 says there is none. */
export function sieveTarget(): SieveTarget | null {
  const config = env();
  if (config.SIEVE_PORT === 0) return null;
  const host = config.SIEVE_HOST ?? config.IMAP_HOST;
  return {
    host,
    port: config.SIEVE_PORT,
    ca: trustedCertificates(config.IMAP_CA, 'IMAP_CA'),
    // STARTTLS whenever offered; clear text only to this machine, where no password crosses a network.
    requireTls: !isLoopbackHost(host),
  };
}

const UNAVAILABLE_OFF: ErrorText = { key: 'sieveOff' };

/** Why ManageSieve cannot be used, in words for the user and the administrator, or null. */
function unavailableReason(error: SieveError, target: SieveTarget): ErrorText | null {
  const values = { where: `${target.host}:${target.port}` };
  switch (error.kind) {
    case 'unreachable':
      return { key: 'sieveUnreachable', values };
    case 'closed':
    case 'timeout':
    case 'protocol':
      return { key: 'sieveBadAnswer', values };
    case 'auth':
      return { key: 'sieveAuth', values };
    default:
      return null;
  }
}

/** A SieveError (or anything else) as the API error to answer. */
export function toSieveAppError(error: unknown, target: SieveTarget): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof SieveError)) return new AppError('internal', undefined, { cause: error });
  if (error.kind === 'tls' || error.kind === 'no_starttls') {
    const tls = describeTlsFailure(error.kind === 'tls' ? error.cause : error, 'SIEVE');
    log.warn('managesieve tls failed', { reason: tls?.reason, tlsCode: tls?.tlsCode ?? error.code });
    return new AppError('sieve_tls', tls?.message, { cause: error });
  }
  if (error.kind === 'no') {
    return new AppError('sieve_refused', error.serverText ? { key: 'sieveRefusedWith', values: { detail: error.serverText } } : undefined, { cause: error });
  }
  if (error.kind === 'timeout' && error.code === 'ERR_TLS_HANDSHAKE_TIMEOUT') {
    return new AppError('sieve_tls', describeTlsFailure(error, 'SIEVE')?.message, { cause: error });
  }
  log.warn('managesieve unavailable', { kind: error.kind, code: error.code, responseCode: error.responseCode });
  return new AppError('sieve_unavailable', unavailableReason(error, target) ?? undefined, { cause: error });
}

/**
 * Runs `fn` on a ManageSieve connection signed in as the session's user, and logs out.
 * Throws `sieve_unavailable` when SIEVE_PORT=0 or the server cannot be reached.
 */
export async function withSieve<T>(session: Session, fn: (client: ManageSieveClient) => Promise<T>): Promise<T> {
  const target = sieveTarget();
  if (!target) throw new AppError('sieve_unavailable', UNAVAILABLE_OFF);
  const client = await ManageSieveClient.connect(target).catch((error: unknown) => {
    throw toSieveAppError(error, target);
  });
  try {
    const { user, pass } = sessionCredentials(session);
    await client.authenticate(user, pass);
  } catch (error) {
    client.close();
    throw toSieveAppError(error, target);
  }
  try {
    return await fn(client);
  } catch (error) {
    throw toSieveAppError(error, target);
  } finally {
    await client.logout();
  }
}
