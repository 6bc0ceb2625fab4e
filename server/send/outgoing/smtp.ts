import 'server-only';
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { env } from '../../env';
import { AppError } from '../../errors';
import { log } from '../../log';
import { describeTlsFailure, trustedCertificates } from '../../tls.mjs';
import { smtpConnectionOptions } from './smtp-options.mjs';
import { sessionCredentials, type Session } from '../../session/session';

/**
 * What the SMTP server said about a send that did not go through; tls: its certificate (or lack
 * of STARTTLS) was refused; sender: it will not let the user send from that address.
 */
export type SmtpOutcome = 'refused' | 'sender' | 'unreachable' | 'unknown' | 'tls';

const OUTCOME_CODES = { refused: 'smtp_refused', sender: 'smtp_sender_refused', unreachable: 'smtp_unavailable', unknown: 'send_unknown', tls: 'smtp_tls' } as const;

export class SmtpError extends AppError {
  constructor(
    readonly outcome: SmtpOutcome,
    message: string,
    cause?: unknown,
  ) {
    super(OUTCOME_CODES[outcome], message, { cause });
  }
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EPROTOCOL', 'ETLS', 'EDNS']);

type SmtpFailure = { code?: string; responseCode?: number; response?: string; command?: string };

/**
 * Whether the server refused the sender address. A refusal of MAIL FROM that is not about the
 * size; or one at RCPT TO that names the sender: Postfix checks smtpd_sender_login_maps there by
 * default (smtpd_delay_reject), answering every recipient "553 5.7.1 <x@y>: Sender address
 * rejected: not owned by user u".
 */
function refusesSender(error: SmtpFailure, sender: string | undefined): boolean {
  const response = error.response ?? '';
  if (error.command === 'MAIL FROM') return !/\b5\.3\.4\b|size/i.test(response);
  if (error.command !== 'RCPT TO') return false;
  return /sender/i.test(response) || (!!sender && response.toLowerCase().includes(`<${sender.toLowerCase()}>`));
}

/**
 * Sorts a failed send. Before the message's last byte went out, nothing was sent and the user
 * may try again. After it, a lost connection means the server may have accepted it before the
 * reply was lost: the user is told to check Sent, and Wren does not resend on its own.
 */
export function classifySmtpError(error: SmtpFailure, dataSent: boolean, sender?: string): SmtpError {
  // TLS is settled before the message is handed over: nothing was sent.
  const tls = dataSent ? null : describeTlsFailure(error, 'SMTP');
  if (tls) return new SmtpError('tls', `${tls.message} Nothing was sent.`, error);
  const code = error.code ?? '';
  if (CONNECTION_CODES.has(code) || !code) {
    if (dataSent) return new SmtpError('unknown', 'The connection to the mail server was lost after the message was handed over: it may have been sent. Check Sent before sending again.', error);
    return new SmtpError('unreachable', 'The outgoing mail server cannot be reached. Nothing was sent; try again.', error);
  }
  if (code === 'EAUTH' || code === 'ENOAUTH') return new SmtpError('refused', 'The outgoing mail server did not accept your sign-in. Nothing was sent.', error);
  // EENVELOPE (a recipient or sender refused), EMESSAGE (the message refused, e.g. too large).
  const reason = (error.response ?? '').replace(/[\r\n]+/g, ' ').trim().slice(0, 300);
  if (code === 'EENVELOPE' && sender && refusesSender(error, sender)) {
    return new SmtpError('sender', `The mail server will not let you send as ${sender}${reason ? ` (it said: ${reason})` : ''}. Nothing was sent.`, error);
  }
  return new SmtpError('refused', `The outgoing mail server refused the message${reason ? `: ${reason}` : ''}. Nothing was sent.`, error);
}

function connectionOptions() {
  const config = env();
  return smtpConnectionOptions({
    host: config.SMTP_HOST ?? config.IMAP_HOST,
    port: config.SMTP_PORT,
    tls: config.SMTP_TLS,
    ca: trustedCertificates(config.SMTP_CA, 'SMTP_CA'),
  });
}

function step<T>(conn: SMTPConnection, run: (done: (err: Error | null, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    conn.once('error', onError);
    run((err, value) => {
      conn.removeListener('error', onError);
      if (err) reject(err);
      else resolve(value as T);
    });
  });
}

/**
 * Hands the message to the SMTP server as the user (their IMAP credentials). `raw` is sent as is;
 * the envelope names every recipient, Bcc included.
 */
export async function deliver(session: Session, envelope: { from: string; to: string[] }, raw: Buffer): Promise<void> {
  const conn = new SMTPConnection(connectionOptions());
  let dataSent = false;
  try {
    await step<void>(conn, (done) => conn.connect(() => done(null)));
    await step<void>(conn, (done) => conn.login(sessionCredentials(session), (err) => done(err ?? null)));
    const source = Readable.from([raw]);
    // The stream's end is the message's last byte handed to the socket: after it, an error
    // leaves the outcome unknown.
    source.once('end', () => (dataSent = true));
    await step<unknown>(conn, (done) => conn.send(envelope, source, (err, info) => done(err ?? null, info)));
  } catch (error) {
    const classified = classifySmtpError(error as SmtpFailure, dataSent, envelope.from);
    const tls = classified.outcome === 'tls' ? describeTlsFailure(error, 'SMTP') : null;
    log.warn('smtp send failed', { outcome: classified.outcome, code: (error as { code?: string }).code, ...(tls && { reason: tls.reason, tlsCode: tls.tlsCode }) });
    throw classified;
  } finally {
    try {
      conn.quit();
    } catch {
      conn.close();
    }
  }
}

/** The server's SIZE limit in bytes, or null when it sets none or cannot be asked. */
export async function smtpSizeLimit(): Promise<number | null> {
  const conn = new SMTPConnection({ ...connectionOptions(), connectionTimeout: 3000, greetingTimeout: 3000 });
  try {
    await step<void>(conn, (done) => conn.connect(() => done(null)));
    const size = (conn as unknown as { _maxAllowedSize?: number })._maxAllowedSize;
    return size && size > 0 ? size : null;
  } catch {
    return null;
  } finally {
    conn.close();
  }
}
