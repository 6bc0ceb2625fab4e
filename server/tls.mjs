// TLS to the mail servers: which certificates Wren trusts, and what a failed verification means
// in words an administrator can act on. Plain JavaScript (types in tls.d.mts) so that
// scripts/doctor.mjs and the bench's floor share it with the server. Verification is never
// turned off: there is no setting for it, only IMAP_CA / SMTP_CA to trust a private CA.
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The certificates of PEM file `path`, checked to parse. Throws an Error naming `setting` when
 * the file cannot be read or holds no certificate.
 * @param {string} path
 * @param {string} setting
 * @returns {string[]}
 */
export function readCaFile(path, setting) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${setting}: cannot read ${path} (${/** @type {{code?: string}} */ (error).code ?? 'error'})`);
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (!certificates.length) throw new Error(`${setting}: ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  for (const pem of certificates) {
    try {
      new X509Certificate(pem);
    } catch {
      throw new Error(`${setting}: ${path} holds a certificate that does not parse`);
    }
  }
  return certificates;
}

/** @type {Map<string, string[]>} */
const bundles = new Map();

/**
 * What to trust for a server: undefined (Node's own roots) without a CA file; with one, Node's
 * bundled roots plus the file's certificates (Node's `ca` option replaces the roots it is given
 * with, so they are passed along), plus NODE_EXTRA_CA_CERTS when that is set too. Read once
 * per path.
 * @param {string | undefined} caFile
 * @param {string} setting
 * @returns {string[] | undefined}
 */
export function trustedCertificates(caFile, setting) {
  if (!caFile) return undefined;
  let bundle = bundles.get(caFile);
  if (!bundle) {
    const extra = process.env.NODE_EXTRA_CA_CERTS ? readCaFile(process.env.NODE_EXTRA_CA_CERTS, 'NODE_EXTRA_CA_CERTS') : [];
    bundle = [...rootCertificates, ...extra, ...readCaFile(caFile, setting)];
    bundles.set(caFile, bundle);
  }
  return bundle;
}

// Node's (OpenSSL's) certificate verification codes, sorted by what the administrator must do.
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'CERT_SIGNATURE_FAILURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);
const NOT_YET_VALID = new Set(['CERT_NOT_YET_VALID', 'ERROR_IN_CERT_NOT_BEFORE_FIELD']);
const WRONG_HOST = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const REVOKED = new Set(['CERT_REVOKED']);

/**
 * The TLS code of a failed connection: Node's own, or the one nodemailer keeps as originalCode
 * when it files the error under ESOCKET.
 * @param {any} error
 * @returns {string}
 */
function tlsCodeOf(error) {
  const code = typeof error?.code === 'string' ? error.code : '';
  const original = typeof error?.originalCode === 'string' ? error.originalCode : '';
  return original && (code === 'ESOCKET' || code === 'ECONNECTION') ? original : code;
}

/**
 * @param {any} error
 * @param {'IMAP' | 'SMTP' | 'SIEVE'} service
 */
function isMissingStartTls(error, service) {
  if (service === 'IMAP') return error?.tlsFailed === true && /does not support STARTTLS|STARTTLS is not possible/i.test(error?.message ?? '');
  // ManageSieve (server/sieve/client.ts) says so itself, only where STARTTLS is required.
  if (service === 'SIEVE') return error?.code === 'NO_STARTTLS';
  // nodemailer with requireTLS: ETLS when the upgrade is refused or not offered.
  return error?.code === 'ETLS' && /STARTTLS/i.test(error?.message ?? '');
}

/**
 * What a failed connection says about TLS, or null when it is not a TLS failure: the reason,
 * Node's code (for the log), and a message for the administrator that names the cause and the
 * setting to change. ManageSieve ('SIEVE') trusts IMAP_CA.
 * @param {unknown} raw
 * @param {'IMAP' | 'SMTP' | 'SIEVE'} service
 * @returns {import('./tls.d.mts').TlsFailure | null}
 */
export function describeTlsFailure(raw, service) {
  /** @type {any} */
  const error = raw;
  if (!error || typeof error !== 'object') return null;
  const code = tlsCodeOf(error);
  const server = `The ${service === 'SIEVE' ? 'ManageSieve' : service} server's certificate`;
  const ca = service === 'SIEVE' ? 'IMAP_CA' : `${service}_CA`;
  if (UNTRUSTED.has(code)) {
    const self = code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? 'self-signed' : 'self-signed, or issued by a CA that is not trusted';
    return {
      reason: 'untrusted',
      tlsCode: code,
      message: `${server} is not trusted (${self}). Set ${ca} to the PEM file of the CA that issued it (for a self-signed certificate, the certificate itself).`,
    };
  }
  if (EXPIRED.has(code)) {
    return { reason: 'expired', tlsCode: code, message: `${server} has expired. It must be renewed on the mail server: Wren does not connect to a server whose certificate has expired (${ca} cannot change that).` };
  }
  if (NOT_YET_VALID.has(code)) {
    return { reason: 'not_yet_valid', tlsCode: code, message: `${server} is not valid yet: check the clock of this machine and of the mail server.` };
  }
  if (WRONG_HOST.has(code)) {
    const names = typeof error.cert?.subjectaltname === 'string' ? ` (it names ${error.cert.subjectaltname.replace(/(DNS|IP Address):/g, '')})` : '';
    const host = typeof error.host === 'string' ? ` ${error.host}` : '';
    return {
      reason: 'wrong_host',
      tlsCode: code,
      message: `${server} is for another host${names}, not${host || ' the one Wren connects to'}. Set ${service}_HOST to a name the certificate lists.`,
    };
  }
  if (REVOKED.has(code)) {
    return { reason: 'revoked', tlsCode: code, message: `${server} has been revoked. It must be replaced on the mail server.` };
  }
  if (isMissingStartTls(error, service)) {
    if (service === 'SIEVE') {
      return {
        reason: 'no_starttls',
        tlsCode: 'NO_STARTTLS',
        message: 'The ManageSieve server does not offer STARTTLS, and it is not on this machine: Wren does not send passwords to it in clear text. Enable TLS for ManageSieve on the mail server, or set SIEVE_PORT=0 to go without filters.',
      };
    }
    return {
      reason: 'no_starttls',
      tlsCode: code || 'NO_STARTTLS',
      message: `The ${service} server does not offer STARTTLS, which ${service}_TLS=starttls requires. If ${service}_PORT is the server's implicit-TLS port (${service === 'IMAP' ? '993' : '465'}), set ${service}_TLS=implicit; otherwise enable TLS on the mail server.`,
    };
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code === 'ERR_TLS_HANDSHAKE_TIMEOUT') {
    if (service === 'SIEVE') {
      return { reason: 'handshake', tlsCode: code, message: 'The TLS handshake with the ManageSieve server failed. Check SIEVE_PORT: ManageSieve is usually port 4190, upgraded with STARTTLS.' };
    }
    const ports = service === 'IMAP' ? 'implicit is usually port 993, starttls port 143' : 'implicit is usually port 465, starttls port 587';
    return { reason: 'handshake', tlsCode: code, message: `The TLS handshake with the ${service} server failed. Check ${service}_TLS and ${service}_PORT: ${ports}.` };
  }
  return null;
}
