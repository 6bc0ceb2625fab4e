// nodemailer's SMTPConnection options for every connection Wren opens to the SMTP server. Plain
// JavaScript (types in smtp-options.d.mts) so that scripts/doctor.mjs connects exactly as Wren does.

/** @param {import('./smtp-options.d.mts').SmtpTarget} target */
export function smtpConnectionOptions({ host, port, tls, ca }) {
  return {
    host,
    port,
    secure: tls === 'implicit',
    // starttls is required: a server that does not offer it is refused, never used in clear text.
    requireTLS: tls === 'starttls',
    ignoreTLS: tls === 'none',
    // The certificate is always verified (explicitly, so NODE_TLS_REJECT_UNAUTHORIZED=0 cannot
    // turn it off); `ca` (SMTP_CA, through server/tls.mjs) adds a private CA to the roots trusted.
    tls: ca ? { rejectUnauthorized: true, ca } : { rejectUnauthorized: true },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    name: 'wren',
  };
}
