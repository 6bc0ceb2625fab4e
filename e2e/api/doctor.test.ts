import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/server/env';
import { readConfig } from '../../scripts/lib/doctor-config.mjs';
import { tlsStack } from '../support/tls-stack';

// npm run doctor against the test stack: the plain servers, the TLS ones with the test CA, and
// the TLS ones without it. It runs in an empty directory, so no .env.local of the developer's
// reaches it: only the environment given here.

const stack = tlsStack();
const script = join(process.cwd(), 'scripts/doctor.mjs');
const cwd = mkdtempSync(join(tmpdir(), 'wren-doctor-'));

async function doctor(settings: Record<string, string | undefined>): Promise<{ code: number; out: string }> {
  const env = { ...process.env, DOCTOR_USER: undefined, DOCTOR_PASS: undefined, IMAP_CA: undefined, SMTP_CA: undefined, ...settings };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd, env, timeout: 60_000 });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const withTls = {
  IMAP_PORT: stack.imapsPort,
  IMAP_TLS: 'implicit',
  SMTP_PORT: stack.smtpStarttlsPort,
  SMTP_TLS: 'starttls',
};

describe('npm run doctor', () => {
  it('plain test servers: passes, shows the capabilities, reaches Redis', async () => {
    const { code, out } = await doctor({});
    expect(out).toMatch(/IMAP {2}127\.0\.0\.1:\d+ {2}IMAP_TLS=none/);
    expect(out).toMatch(/before login IMAP4rev1 .*IDLE/);
    expect(out).toMatch(/extensions {3}PIPELINING SIZE 36700160/);
    expect(out).toMatch(/Redis .*\n {2}reachable {4}yes, Redis \d/);
    expect(out).toContain('All checks passed');
    expect(code).toBe(0);
  });

  it('TLS with IMAP_CA and SMTP_CA, logged in: certificate details, verified, capabilities after login', async () => {
    const { code, out } = await doctor({ ...withTls, IMAP_CA: stack.ca, SMTP_CA: stack.ca, DOCTOR_USER: 'tlsmail', DOCTOR_PASS: 'secret' });
    expect(out).toMatch(/TLS {10}TLSv1\.[23], \S+/);
    expect(out).toMatch(/certificate {2}CN=localhost\n {2}issued by {4}CN=Wren Test CA\n {2}valid .*days left\)\n {2}names {8}127\.0\.0\.1, localhost/);
    expect(out.match(/verified {5}yes, against Node's roots and (IMAP|SMTP)_CA/g)).toHaveLength(2);
    expect(out.match(/login {8}ok as tlsmail/g)).toHaveLength(2);
    expect(out).toMatch(/after login {2}IMAP4rev1 [\s\S]*MOVE/);
    // The test Dovecot lacks CREATE-SPECIAL-USE: the doctor says what Wren does without it.
    expect(out).toMatch(/without:\n {4}CREATE-SPECIAL-USE an Archive folder Wren creates cannot be marked/);
    expect(out).toContain('All checks passed');
    expect(code).toBe(0);
  });

  it('TLS without IMAP_CA: fails, shows why the certificate did not verify and names IMAP_CA and SMTP_CA', async () => {
    const { code, out } = await doctor(withTls);
    expect(out).toMatch(/verified {5}NO: UNABLE_TO_VERIFY_LEAF_SIGNATURE, against Node's roots \(IMAP_CA not set\)/);
    expect(out).toMatch(/FAIL {9}The IMAP server's certificate is not trusted .*Set IMAP_CA/);
    expect(out).toMatch(/FAIL {9}The SMTP server's certificate is not trusted .*Set SMTP_CA/);
    expect(out).toContain('2 problems found');
    expect(code).toBe(1);
  });

  it('an expired certificate and a server without STARTTLS: fails, saying so', async () => {
    const { code, out } = await doctor({ IMAP_HOST: '127.0.0.2', IMAP_PORT: stack.imapsExpiredPort, IMAP_TLS: 'implicit', IMAP_CA: stack.ca, SMTP_HOST: '127.0.0.1', SMTP_TLS: 'starttls' });
    expect(out).toMatch(/valid .*\(expired \d+ days ago\)/);
    expect(out).toMatch(/FAIL {9}The IMAP server's certificate has expired/);
    expect(out).toMatch(/FAIL {9}The SMTP server does not offer STARTTLS, which SMTP_TLS=starttls requires/);
    expect(code).toBe(1);
  });

  it('push: which source tells Wren of new mail, what it needs (METADATA), and the IDLE watch\'s limit said plainly', async () => {
    const hook = await doctor({ DOCTOR_USER: 'pip', DOCTOR_PASS: 'secret' });
    expect(hook.out).toMatch(/Push {2}on, VAPID subject mailto:postmaster@example\.com\n {2}source {7}the mail server \(PUSH_SOURCE=dovecot\)/);
    expect(hook.out).toMatch(/hook {9}HTTP Basic auth with PUSH_DOVECOT_SECRET, from loopback only/);
    expect(hook.out).toMatch(/METADATA {5}yes/);
    expect(hook.code).toBe(0);
    const idle = await doctor({ PUSH_SOURCE: 'idle' });
    expect(idle.out).toMatch(/source {7}Wren's own IDLE watch on INBOX \(PUSH_SOURCE=idle\), at most 100 connections per process/);
    expect(idle.out).toMatch(/limit {8}Wren keeps no password it can use on its own: .* only while this\s+process holds a live sign-in of theirs/);
    expect(idle.code).toBe(0);
    const off = await doctor({ VAPID_PUBLIC_KEY: '', VAPID_PRIVATE_KEY: '', VAPID_SUBJECT: '' });
    expect(off.out).toMatch(/Push {2}off \(VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT not set\)/);
    // A server without METADATA (the NOMOVE organize server): the hook cannot be switched on.
    const noMetadata = await doctor({ IMAP_PORT: process.env.NOMOVE_SERVER_PORT, DOCTOR_USER: 'mover', DOCTOR_PASS: 'secret' });
    expect(noMetadata.out).toMatch(/FAIL {9}the IMAP server lacks METADATA: .*Set PUSH_SOURCE=idle/);
    expect(noMetadata.code).toBe(1);
  });

  it('ManageSieve: the server and its Sieve extensions; off with SIEVE_PORT=0; a set port with nothing there fails', async () => {
    const { code, out } = await doctor({});
    expect(out).toMatch(/ManageSieve {2}127\.0\.0\.1:\d+\n {2}server {7}Dovecot .*Pigeonhole\n {2}extensions {3}.*fileinto/);
    expect(out).toMatch(/STARTTLS {5}not offered \(loopback: allowed\)/);
    expect(code).toBe(0);
    const off = await doctor({ SIEVE_PORT: '0' });
    expect(off.out).toContain('ManageSieve  off (SIEVE_PORT=0)');
    expect(off.code).toBe(0);
    // The IMAP port speaks IMAP, not ManageSieve: an unused loopback port is what a wrong setting looks like.
    const wrong = await doctor({ SIEVE_HOST: '127.0.0.1', SIEVE_PORT: '1' });
    expect(wrong.out).toMatch(/FAIL {9}cannot reach it \(ECONNREFUSED\): Settings hides vacation replies and filters and says why\. Check SIEVE_HOST and SIEVE_PORT/);
    expect(wrong.code).toBe(1);
  });

  it('reads the settings with the defaults Wren uses (server/env.ts)', () => {
    const wren = parseEnv({ IMAP_HOST: 'mail.example.org', SESSION_SECRET: 'x'.repeat(32) });
    const doctor = readConfig({ IMAP_HOST: 'mail.example.org' });
    expect(doctor.problems).toEqual([]);
    expect(doctor.imap).toEqual({ host: wren.IMAP_HOST, port: wren.IMAP_PORT, mode: wren.IMAP_TLS, caFile: undefined });
    expect(doctor.smtp).toEqual({ host: wren.IMAP_HOST, port: wren.SMTP_PORT, mode: wren.SMTP_TLS, caFile: undefined });
    expect(doctor.push).toMatchObject({ enabled: false, source: null, idleMax: wren.PUSH_IDLE_MAX, remote: wren.PUSH_DOVECOT_REMOTE });
    expect(readConfig({ IMAP_HOST: 'mail.example.org', PUSH_SOURCE: 'dovecot' }).problems).toEqual([expect.stringMatching(/PUSH_SOURCE=dovecot needs PUSH_DOVECOT_SECRET/)]);
    expect(readConfig({ IMAP_HOST: 'mail.example.org', IMAP_TLS: 'none' }).problems).toEqual([expect.stringMatching(/IMAP_TLS=none is allowed only for a loopback/)]);
  });
});
