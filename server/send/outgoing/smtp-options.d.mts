import type SMTPConnection from 'nodemailer/lib/smtp-connection';

export interface SmtpTarget {
  host: string;
  port: number;
  /** `implicit` (submissions, 465), `starttls` (required upgrade) or `none` (loopback only). */
  tls: 'implicit' | 'starttls' | 'none';
  /** The certificates to trust (server/tls.mjs trustedCertificates); Node's roots when absent. */
  ca?: string[];
}

export function smtpConnectionOptions(target: SmtpTarget): SMTPConnection.Options;
