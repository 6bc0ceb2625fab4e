import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const good = { IMAP_HOST: 'mail.example.org', SESSION_SECRET: 'x'.repeat(32) };

describe('parseEnv', () => {
  it('applies defaults: implicit TLS on 993, 10 minute idle timeout', () => {
    expect(parseEnv(good)).toMatchObject({ IMAP_PORT: 993, IMAP_TLS: 'implicit', IMAP_IDLE_TIMEOUT: 600_000 });
  });

  it('lists every problem in one message', () => {
    expect(() => parseEnv({ IMAP_PORT: 'abc', IMAP_TLS: 'maybe', SESSION_SECRET: 'short' })).toThrowError(
      /IMAP_HOST[\s\S]*IMAP_PORT[\s\S]*IMAP_TLS[\s\S]*SESSION_SECRET/,
    );
  });

  it('accepts IMAP_TLS=none only for a loopback host', () => {
    expect(parseEnv({ ...good, IMAP_HOST: '127.0.0.1', IMAP_TLS: 'none' }).IMAP_TLS).toBe('none');
    expect(() => parseEnv({ ...good, IMAP_TLS: 'none' })).toThrowError(/only for a loopback/);
  });

  it('SMTP: STARTTLS on 587 by default, SMTP_TLS=none only for a loopback SMTP host', () => {
    expect(parseEnv(good)).toMatchObject({ SMTP_PORT: 587, SMTP_TLS: 'starttls', MAX_ATTACHMENT_BYTES: 25 * 1024 * 1024 });
    expect(parseEnv({ ...good, SMTP_HOST: '127.0.0.1', SMTP_TLS: 'none' }).SMTP_TLS).toBe('none');
    expect(() => parseEnv({ ...good, SMTP_TLS: 'none' })).toThrowError(/SMTP_TLS=none is allowed only/);
  });

  it('ManageSieve: the IMAP host on port 4190 by default; SIEVE_PORT=0 turns it off', () => {
    expect(parseEnv(good)).toMatchObject({ SIEVE_PORT: 4190 });
    expect(parseEnv(good).SIEVE_HOST).toBeUndefined();
    expect(parseEnv({ ...good, SIEVE_HOST: 'sieve.example.org', SIEVE_PORT: '0' })).toMatchObject({ SIEVE_HOST: 'sieve.example.org', SIEVE_PORT: 0 });
    expect(() => parseEnv({ ...good, SIEVE_PORT: '70000' })).toThrowError(/SIEVE_PORT/);
  });

  it('IMAP_CA and SMTP_CA must name a readable PEM file of certificates', () => {
    expect(() => parseEnv({ ...good, IMAP_CA: '/nonexistent/ca.pem' })).toThrowError(/IMAP_CA: cannot read \/nonexistent\/ca\.pem \(ENOENT\)/);
    const notPem = join(mkdtempSync(join(tmpdir(), 'wren-env-')), 'ca.pem');
    writeFileSync(notPem, 'not a certificate');
    expect(() => parseEnv({ ...good, SMTP_CA: notPem })).toThrowError(/SMTP_CA: .*ca\.pem holds no PEM certificate/);
    expect(parseEnv(good).IMAP_CA).toBeUndefined();
  });

  it('SCHEDULER_LEASE: 30 s by default, 5-600 s', () => {
    expect(parseEnv(good).SCHEDULER_LEASE).toBe(30);
    expect(parseEnv({ ...good, SCHEDULER_LEASE: '8' }).SCHEDULER_LEASE).toBe(8);
    expect(() => parseEnv({ ...good, SCHEDULER_LEASE: '1' })).toThrowError(/SCHEDULER_LEASE/);
  });

  it('push: the three VAPID settings together or none; PUSH_SOURCE by default dovecot with a hook secret, idle without', () => {
    const vapid = {
      VAPID_PUBLIC_KEY: 'BEdULtQ5rF378hYKRg_pb00jh3YnrwSmMgK7akjj6vVu919FsxEdYvfOnBN6MQW6HOEBblepoR-qjkWVnKWg858',
      VAPID_PRIVATE_KEY: 'M0tj92JxdB7NuB6Y1zs7Y7AJo4JdDngXtup1PN3YhQ8',
      VAPID_SUBJECT: 'mailto:postmaster@example.org',
    };
    expect(parseEnv({ ...good, ...vapid })).toMatchObject({ PUSH_IDLE_MAX: 100, PUSH_DOVECOT_REMOTE: false });
    expect(() => parseEnv({ ...good, VAPID_PUBLIC_KEY: vapid.VAPID_PUBLIC_KEY })).toThrowError(/together/);
    expect(() => parseEnv({ ...good, ...vapid, VAPID_SUBJECT: 'postmaster' })).toThrowError(/VAPID_SUBJECT/);
    expect(() => parseEnv({ ...good, ...vapid, VAPID_PUBLIC_KEY: 'A'.repeat(87) })).toThrowError(/uncompressed/);
    expect(() => parseEnv({ ...good, ...vapid, PUSH_SOURCE: 'dovecot' })).toThrowError(/PUSH_DOVECOT_SECRET/);
    expect(() => parseEnv({ ...good, PUSH_DOVECOT_SECRET: 'short' })).toThrowError(/at least 24/);
  });
});
