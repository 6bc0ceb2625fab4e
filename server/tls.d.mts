export type TlsFailureReason = 'untrusted' | 'expired' | 'not_yet_valid' | 'wrong_host' | 'revoked' | 'no_starttls' | 'handshake';

export interface TlsFailure {
  reason: TlsFailureReason;
  /** Node's (or OpenSSL's) code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT: for the log. */
  tlsCode: string;
  /** Names the cause and the setting to change; holds no credential. */
  message: string;
}

export function readCaFile(path: string, setting: string): string[];
export function trustedCertificates(caFile: string | undefined, setting: string): string[] | undefined;
export function describeTlsFailure(error: unknown, service: 'IMAP' | 'SMTP' | 'SIEVE'): TlsFailure | null;
