import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { ImapFlow } from 'imapflow';
import { afterEach, vi } from 'vitest';
import { resetEnv } from '@/server/env';

/** The TLS parts of the test stack (scripts/test-stack.sh start_tls_dovecot, Postfix's TLS ports). */
export function tlsStack() {
  const need = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: restart the test stack (scripts/test-stack.sh start)`);
    return value;
  };
  return {
    ca: need('TLS_CA'),
    dovecotDir: need('TLS_DOVECOT_DIR'),
    imapStarttlsPort: need('TLS_IMAP_PORT'),
    imapsPort: need('TLS_IMAPS_PORT'),
    imapsExpiredPort: need('TLS_IMAPS_EXPIRED_PORT'),
    imapsOtherHostPort: need('TLS_IMAPS_OTHER_HOST_PORT'),
    smtpStarttlsPort: need('TLS_SMTP_STARTTLS_PORT'),
    smtpsPort: need('TLS_SMTPS_PORT'),
    smtpsExpiredPort: need('TLS_SMTPS_EXPIRED_PORT'),
    plainImapPort: need('IMAP_PORT'),
    plainSmtpPort: need('SMTP_PORT'),
  };
}

/**
 * Runs the next requests with other settings: sets (or, for undefined, removes) the variables
 * and makes the server read its configuration again (resetEnv). Each test file's settings are
 * put back after every test.
 */
export function settingsSwitcher() {
  const saved = new Map<string, string | undefined>();
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    saved.clear();
    resetEnv();
  });
  return (settings: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(settings)) {
      if (!saved.has(name)) saved.set(name, process.env[name]);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnv();
  };
}

/** Lines Wren logged (server/log.ts writes warnings and errors to stderr) while `fn` ran. */
export async function loggedDuring(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
  const info = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    await fn();
  } finally {
    spy.mockRestore();
    info.mockRestore();
  }
  return lines;
}

/** A raw imapflow client of user tls on the TLS Dovecot over IMAPS, trusting the test CA. */
export async function rawTlsImap(): Promise<ImapFlow> {
  const { ca, imapsPort } = tlsStack();
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: Number(imapsPort),
    secure: true,
    tls: { ca: [...rootCertificates, readFileSync(ca, 'utf8')] },
    auth: { user: 'tls', pass: 'secret' },
    logger: false,
    disableCompression: true,
  });
  await client.connect();
  return client;
}
