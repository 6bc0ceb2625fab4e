import 'server-only';
import type { Locale } from '@/lib/i18n/config';
import type { FolderNameIssue } from '@/lib/schemas';
import { serverTranslator } from './i18n';

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

/**
 * What an error says, as a key of the `errors` namespace of lib/i18n/messages/*.json and its
 * values: the API answers it in the request's language (server/http/error-response.ts). The
 * code's own message (`errors.code.<code>`) when none is given.
 */
export interface ErrorText {
  key: string;
  values?: Record<string, string | number>;
  /** Words of another part of the catalog (a full key), given to `key` as its `detail`: the search query's problem. */
  detail?: { key: string; values?: Record<string, string> };
}

type ErrorsTranslator = ReturnType<typeof serverTranslator<'errors'>>;
const translators = new Map<Locale, ErrorsTranslator>();

/** An error's words in `locale`; a key the catalog lacks (never, checked by tsc and the catalog check) gives the code's. */
export function errorMessage(locale: Locale, code: ErrorCode, text?: ErrorText): string {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = serverTranslator(locale, 'errors')));
  const translate = t as unknown as { has(key: string): boolean; (key: string, values?: ErrorText['values']): string };
  if (text?.detail) {
    const at = text.detail.key.lastIndexOf('.');
    const words = serverTranslator(locale, text.detail.key.slice(0, at) as 'errors') as unknown as (key: string, values?: object) => string;
    return translate(text.key, { ...text.values, detail: words(text.detail.key.slice(at + 1), text.detail.values) });
  }
  if (text && translate.has(text.key)) return translate(text.key, text.values);
  return translate(`code.${code}`);
}

/**
 * The one error class: a code from the table and a message safe to show a user. The message is
 * an ErrorText (translated for each request; `message` holds its English, for logs and tests)
 * or, for words that come from elsewhere (a TLS failure's cause for the administrator), a string
 * shown as it is.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly text?: ErrorText;
  constructor(code: ErrorCode, message?: string | ErrorText, options?: { cause?: unknown }) {
    super(typeof message === 'string' ? message : errorMessage('en', code, message), options);
    this.code = code;
    this.name = 'AppError';
    if (typeof message !== 'string') this.text = message ?? { key: `code.${code}` };
  }
  /** What the user is told in `locale`. */
  messageIn(locale: Locale): string {
    return this.text ? errorMessage(locale, this.code, this.text) : this.message;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function toErrorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

/** The message shown for an error code named in a URL (the sign-in form without JavaScript), in `locale`; null for any other text. */
export function messageOfCode(code: string | undefined, locale: Locale = 'en'): string | null {
  return code && Object.hasOwn(ERROR_STATUS, code) ? errorMessage(locale, code as ErrorCode) : null;
}

/** A folder name Wren refuses (lib/schemas.ts folderNameIssue), in the request's language. */
export function folderNameError(issue: FolderNameIssue): AppError {
  return new AppError('invalid_input', { key: `folderName.${issue.key}`, values: issue.values });
}
