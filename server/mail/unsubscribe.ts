import 'server-only';
import type { UnsubscribeDto } from '@/lib/types';
import { AppError } from '../errors';
import type { Session } from '../session/session';
import { withMessage } from './access/message-access';
import { headerFields, parseListUnsubscribe, toUnsubscribeDto, type ListUnsubscribe } from './unsubscribe/list-unsubscribe';
import { postOneClick, unsubscribeNetwork } from './unsubscribe/one-click';

const FIELDS = ['list-unsubscribe', 'list-unsubscribe-post'];

const parse = (raw: Buffer | undefined): ListUnsubscribe => {
  const fields = headerFields(raw?.toString('utf8') ?? '');
  return parseListUnsubscribe(fields.get('list-unsubscribe'), fields.get('list-unsubscribe-post'), unsubscribeNetwork().plainHttp);
};

/**
 * The List-Unsubscribe fields, which an open asks for in its own FETCH (server/mail/message.ts,
 * imap/commands/fetch-open.ts), for the message's DTO.
 */
export const UNSUBSCRIBE_FIELDS: readonly string[] = FIELDS;

/** How the message offers to leave its list, from those fields as the server sent them. */
export const unsubscribeFrom = (raw: Buffer | undefined): UnsubscribeDto | undefined => toUnsubscribeDto(parse(raw));

/**
 * One-click unsubscribe (RFC 8058) from message `id`: its header is read again here (never a URI
 * from the browser), and Wren's server POSTs to it under the image proxy's address rules
 * (unsubscribe/one-click.ts). The mailbox is let go before the POST.
 */
export async function unsubscribeOneClick(session: Session, id: string): Promise<{ host: string }> {
  const found = await withMessage(session, id, { headers: FIELDS }, async ({ msg }) => parse(msg.headers));
  if (!found.oneClick) throw new AppError('bad_request', { key: 'unsubscribeNoOneClick' });
  await postOneClick(found.oneClick);
  return { host: found.oneClick.hostname };
}
