import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { describeTlsFailure, readCaFile, trustedCertificates } from './tls.mjs';

describe('describeTlsFailure: Node’s TLS codes in words that name the setting', () => {
  it.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'])(
    '%s: untrusted, set IMAP_CA',
    (code) => {
      const failure = describeTlsFailure({ code, message: 'x' }, 'IMAP');
      expect(failure).toMatchObject({ reason: 'untrusted', tlsCode: code });
      expect(failure?.message).toMatch(/not trusted.*Set IMAP_CA to the PEM file/);
    },
  );

  it('a self-signed certificate is called that', () => {
    expect(describeTlsFailure({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'IMAP')?.message).toMatch(/\(self-signed\)/);
  });

  it('expired and not yet valid', () => {
    expect(describeTlsFailure({ code: 'CERT_HAS_EXPIRED' }, 'IMAP')).toMatchObject({ reason: 'expired', message: expect.stringMatching(/has expired.*renewed/) });
    expect(describeTlsFailure({ code: 'CERT_NOT_YET_VALID' }, 'SMTP')).toMatchObject({ reason: 'not_yet_valid', message: expect.stringMatching(/clock/) });
  });

  it('another host: names the certificate’s names, the host and IMAP_HOST', () => {
    const error = { code: 'ERR_TLS_CERT_ALTNAME_INVALID', host: '127.0.0.3', cert: { subjectaltname: 'DNS:mail.other.example, IP Address:10.0.0.1' } };
    const failure = describeTlsFailure(error, 'IMAP');
    expect(failure?.reason).toBe('wrong_host');
    expect(failure?.message).toBe(
      "The IMAP server's certificate is for another host (it names mail.other.example, 10.0.0.1), not 127.0.0.3. Set IMAP_HOST to a name the certificate lists.",
    );
  });

  it('SMTP: nodemailer files TLS errors under ESOCKET and keeps the code as originalCode', () => {
    const failure = describeTlsFailure({ code: 'ESOCKET', originalCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', message: 'unable to verify the first certificate' }, 'SMTP');
    expect(failure).toMatchObject({ reason: 'untrusted', tlsCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(failure?.message).toMatch(/SMTP server's certificate.*Set SMTP_CA/);
  });

  it('STARTTLS required but not offered: imapflow’s and nodemailer’s errors', () => {
    const imap = describeTlsFailure(Object.assign(new Error('Server does not support STARTTLS'), { tlsFailed: true }), 'IMAP');
    expect(imap).toMatchObject({ reason: 'no_starttls', message: expect.stringMatching(/does not offer STARTTLS, which IMAP_TLS=starttls requires.*IMAP_TLS=implicit/) });
    const smtp = describeTlsFailure({ code: 'ETLS', message: 'Error upgrading connection with STARTTLS: 502 5.5.1 Error: command not implemented' }, 'SMTP');
    expect(smtp).toMatchObject({ reason: 'no_starttls', message: expect.stringMatching(/SMTP_TLS=starttls/) });
  });

  it('TLS spoken to a clear-text port: check IMAP_TLS and IMAP_PORT', () => {
    expect(describeTlsFailure({ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'IMAP')).toMatchObject({ reason: 'handshake', message: expect.stringMatching(/IMAP_TLS and IMAP_PORT/) });
  });

  it('ManageSieve: trusts IMAP_CA, names SIEVE_HOST and SIEVE_PORT; no STARTTLS off this machine is refused', () => {
    expect(describeTlsFailure({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'SIEVE')?.message).toMatch(/^The ManageSieve server's certificate is not trusted.*Set IMAP_CA/);
    expect(describeTlsFailure({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', host: 'mail.example' }, 'SIEVE')?.message).toMatch(/Set SIEVE_HOST/);
    expect(describeTlsFailure({ code: 'NO_STARTTLS' }, 'SIEVE')).toMatchObject({ reason: 'no_starttls', message: expect.stringMatching(/does not offer STARTTLS.*SIEVE_PORT=0/) });
    expect(describeTlsFailure({ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'SIEVE')?.message).toMatch(/Check SIEVE_PORT/);
  });

  it('anything else is not a TLS failure', () => {
    for (const error of [{ code: 'ECONNREFUSED' }, { authenticationFailed: true }, new Error('boom'), null, 'x']) expect(describeTlsFailure(error, 'IMAP')).toBeNull();
  });
});

describe('trusted certificates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wren-tls-'));
  const pem = rootCertificates[0];

  it('a CA file adds to Node’s roots, never replaces them', () => {
    const file = join(dir, 'ca.pem');
    writeFileSync(file, `comment before\n${pem}\n`);
    const trusted = trustedCertificates(file, 'IMAP_CA');
    // Node's bundled roots first, then NODE_EXTRA_CA_CERTS when set, then the file's.
    expect(trusted?.slice(0, rootCertificates.length)).toEqual([...rootCertificates]);
    expect(trusted?.at(-1)).toBe(pem);
    expect(trustedCertificates(undefined, 'IMAP_CA')).toBeUndefined();
  });

  it('a missing file, or one without a certificate, is refused naming the setting', () => {
    expect(() => readCaFile(join(dir, 'missing.pem'), 'SMTP_CA')).toThrowError(/^SMTP_CA: cannot read .*missing\.pem \(ENOENT\)/);
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, 'not a certificate');
    expect(() => readCaFile(empty, 'IMAP_CA')).toThrowError(/^IMAP_CA: .* holds no PEM certificate/);
    const broken = join(dir, 'broken.pem');
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(() => readCaFile(broken, 'IMAP_CA')).toThrowError(/does not parse/);
  });
});
