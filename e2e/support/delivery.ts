import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

/**
 * Mail delivered for real: SMTP to the test stack's Postfix (as any outside sender, no AUTH: the
 * recipient is local), which hands it to Dovecot over LMTP, where Pigeonhole runs the
 * recipient's active Sieve script. Used by the vacation and filter tests.
 */

export interface Delivery {
  from: string;
  to: string;
  subject: string;
  /** Without angle brackets; found again in Dovecot's log (msgid=<...>). */
  messageId: string;
  headers?: Record<string, string>;
  text?: string;
}

/** Hands one message to Postfix; resolves once Postfix has queued it (250 after DATA). */
export async function deliverThroughPostfix(mail: Delivery): Promise<void> {
  const port = Number(process.env.POSTFIX_PORT ?? process.env.SMTP_PORT);
  if (!port) throw new Error('POSTFIX_PORT is not set: start the test stack first');
  const head = [
    `From: ${mail.from}`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject}`,
    `Message-ID: <${mail.messageId}>`,
    `Date: ${new Date().toUTCString()}`,
    ...Object.entries(mail.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  const raw = `${head.join('\r\n')}\r\n\r\n${mail.text ?? 'Hello.'}\r\n`;
  const conn = new SMTPConnection({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, name: 'sender.test' });
  await new Promise<void>((resolve, reject) => {
    conn.once('error', reject);
    conn.connect(() => resolve());
  });
  try {
    await new Promise<void>((resolve, reject) =>
      conn.send({ from: mail.from, to: [mail.to] }, raw, (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    conn.quit();
  }
}

/** Lines of the test Dovecot's log that mention `text` (Pigeonhole logs each action with msgid=<...>). */
export function dovecotLogLines(text: string): string[] {
  const dir = process.env.DOVECOT_DIR;
  if (!dir) throw new Error('DOVECOT_DIR is not set: start the test stack first');
  return readFileSync(join(dir, 'dovecot.log'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(text));
}

/** A Message-ID (without brackets) no earlier run used. */
export function uniqueMessageId(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@sender.test`;
}
