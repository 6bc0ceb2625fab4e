import 'server-only';

/** Every error code the API answers, with its HTTP status: the one table. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_input: 400,
  unauthorized: 401,
  auth_failed: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  no_archive_folder: 409,
  no_trash_folder: 409,
  no_junk_folder: 409,
  // A newer search of the same session replaced it, or its client went away.
  cancelled: 409,
  // A search's pinned result set expired or a folder of it was recreated: nothing was done.
  results_changed: 409,
  // Sending: refused by the SMTP server (nothing sent), unreachable, or maybe sent.
  smtp_refused: 422,
  // The SMTP server will not let the user send from the address chosen (an identity it does not allow).
  smtp_sender_refused: 422,
  smtp_unavailable: 503,
  send_unknown: 502,
  already_sent: 409,
  payload_too_large: 413,
  too_many_attempts: 429,
  over_quota: 507,
  // Push notifications are not configured here, or the mail server cannot report new mail.
  push_unavailable: 503,
  imap_unavailable: 503,
  // TLS to the mail server failed (certificate untrusted, expired, for another host; no
  // STARTTLS): a bad gateway, the administrator's to fix; the message names the setting.
  imap_tls: 502,
  smtp_tls: 502,
  imap_busy: 503,
  pool_full: 503,
  // Vacation and filters: no ManageSieve (SIEVE_PORT=0, refused, unreachable); TLS to it
  // failed; the server refused the script Wren wrote (the message carries its words).
  sieve_unavailable: 503,
  sieve_tls: 502,
  sieve_refused: 422,
  // This process is stopping (a restart): the request may be sent again, to another process.
  shutting_down: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  invalid_input: 'Invalid input',
  unauthorized: 'Not signed in',
  auth_failed: 'Wrong username or password',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  // Worded for the UI to ask once: create an Archive (create: true), delete permanently.
  no_archive_folder: 'This account has no Archive folder.',
  no_trash_folder: 'This account has no Trash folder.',
  no_junk_folder: 'This account has no Junk folder.',
  cancelled: 'The search was cancelled by a newer one',
  results_changed: 'The search results changed: search again',
  smtp_refused: 'The outgoing mail server refused the message',
  smtp_sender_refused: 'The outgoing mail server will not let you send from this address',
  smtp_unavailable: 'The outgoing mail server cannot be reached',
  send_unknown: 'The message may have been sent: check Sent before sending again',
  already_sent: 'This message was already sent',
  payload_too_large: 'Request body too large',
  too_many_attempts: 'Too many sign-in attempts: wait a while and try again',
  over_quota: 'The folder is over quota',
  push_unavailable: 'Notifications are not available on this server',
  imap_unavailable: 'Mail server unavailable',
  // Said where only the code travels (the sign-in form without JavaScript); the API's answer
  // carries the cause and the setting (server/tls.mjs).
  imap_tls: "The secure connection to the mail server failed (its certificate, or STARTTLS). Wren's log and npm run doctor name the cause and the setting to change.",
  smtp_tls: "The secure connection to the outgoing mail server failed (its certificate, or STARTTLS): nothing was sent. Wren's log and npm run doctor name the cause and the setting to change.",
  imap_busy: 'The mail server allows no more connections for this account: sign out elsewhere or try again shortly',
  pool_full: 'Too many open mail connections, try again shortly',
  sieve_unavailable: 'Vacation replies and filters are not available: the mail server offers no ManageSieve',
  sieve_tls: "The secure connection to the mail server's ManageSieve failed (its certificate, or STARTTLS). Wren's log names the cause and the setting to change.",
  sieve_refused: 'The mail server refused the filters',
  shutting_down: 'Wren is restarting: try again in a moment',
  internal: 'Something went wrong',
};

/** The one error class: a code from the table and a message safe to show a user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? DEFAULT_MESSAGES[code], options);
    this.code = code;
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function toErrorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

/** The message shown for an error code named in a URL (the sign-in form without JavaScript); null for any other text. */
export function messageOfCode(code: string | undefined): string | null {
  return code && Object.hasOwn(DEFAULT_MESSAGES, code) ? DEFAULT_MESSAGES[code as ErrorCode] : null;
}
