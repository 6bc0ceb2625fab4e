import { describe, expect, it } from 'vitest';
import { isConnectionError, toAppError } from './errors';

describe('imapflow error mapping', () => {
  it('a refused login is auth_failed', () => {
    expect(toAppError({ authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' }).code).toBe('auth_failed');
  });

  it('the per-user connection cap is imap_busy, not a wrong password', () => {
    const error = {
      authenticationFailed: true,
      serverResponseCode: 'LIMIT',
      responseText: 'Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)',
    };
    expect(toAppError(error).code).toBe('imap_busy');
  });

  it.each(['ECONNREFUSED', 'ETIMEDOUT', 'CONNECT_TIMEOUT', 'NoConnection'])('%s is imap_unavailable', (code) => {
    expect(toAppError({ code }).code).toBe('imap_unavailable');
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /not trusted.*IMAP_CA/],
    ['CERT_HAS_EXPIRED', /has expired/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /another host.*IMAP_HOST/],
  ])('a refused certificate (%s) is a 502 imap_tls that says what to set, not a 500', (code, message) => {
    const error = toAppError({ code });
    expect(error.code).toBe('imap_tls');
    expect(error.status).toBe(502);
    expect(error.message).toMatch(message);
  });

  it('NONEXISTENT is a 404 for the folder', () => {
    expect(toAppError({ serverResponseCode: 'NONEXISTENT', responseText: 'Mailbox does not exist' })).toMatchObject({
      code: 'not_found',
      message: 'Folder does not exist',
    });
  });

  it("a folder deleted by another client while selected here (Dovecot: NO Mailbox was deleted under us) is a 404 too", () => {
    expect(toAppError({ responseText: 'Mailbox was deleted under us' })).toMatchObject({ code: 'not_found', message: 'Folder does not exist' });
  });

  it('anything else is internal, and only socket losses count as connection errors', () => {
    expect(toAppError(new Error('boom')).code).toBe('internal');
    expect(isConnectionError({ code: 'EPIPE' })).toBe(true);
    expect(isConnectionError({ code: 'ECONNREFUSED' })).toBe(false);
  });
});
