import 'server-only';
import type { ImapFlow, ResponseEvent } from 'imapflow';
import { quotaUsage } from '@/lib/quota';
import type { QuotaDto } from '@/lib/types';
import { AppError } from '../../errors';

/**
 * imapflow answers a refused COPY, MOVE, STORE or EXPUNGE with `false` and keeps the reason in
 * its log. The server's response code (RFC 5530: OVERQUOTA, TRYCREATE, ...) is what tells the
 * user what went wrong, so it is read from the 'response' event of the tagged NO while the
 * command runs. Callers hold the mailbox lock, so no other message command shares the wait.
 */
export async function runOrRefuse<T>(
  client: ImapFlow,
  command: () => Promise<T | false | undefined>,
  toError: (code: string | null) => AppError | Promise<AppError>,
): Promise<T> {
  let code: string | null = null;
  const onResponse = (event: ResponseEvent) => {
    if (event.response === 'NO' || event.response === 'BAD') code = event.code?.toUpperCase() ?? null;
  };
  client.on('response', onResponse);
  let result: T | false | undefined;
  try {
    result = await command();
  } finally {
    client.off('response', onResponse);
  }
  if (result === false || result === undefined) throw await toError(code);
  return result;
}

/**
 * A refused copy or move: the user's words for the server's response code. Over quota, the
 * destination's quota figures (`quota`, asked only then) say how full the mailbox is.
 */
export async function transferRefusalError(
  code: string | null,
  folderName: () => Promise<string>,
  quota: () => Promise<QuotaDto | null> = async () => null,
): Promise<AppError> {
  if (code === 'OVERQUOTA') {
    const figures = await quota().catch(() => null);
    const usage = quotaUsage(figures);
    return new AppError('over_quota', usage ? { key: 'mailboxFull', values: { used: usage.text } } : { key: 'folderOverQuota', values: { folder: await folderName() } });
  }
  if (code === 'TRYCREATE' || code === 'NONEXISTENT') return new AppError('not_found', { key: 'folderDoesNotExist' });
  // RFC 4314 rights in a shared folder, when the check before the command did not catch it.
  if (code === 'NOPERM') return new AppError('forbidden', { key: 'noRightIn', values: { folder: await folderName() } });
  return unexpectedRefusalError(code);
}

/** Any other refusal: a 500 whose cause (the response code) goes to the log only. */
export function unexpectedRefusalError(code: string | null): AppError {
  return new AppError('internal', undefined, { cause: new Error(`the server refused the command [${code ?? 'no code'}]`) });
}
