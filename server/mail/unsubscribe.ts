import 'server-only';
import type { ImapFlow } from 'imapflow';
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
 * How the open message offers to leave its list (for the message's DTO), from its
 * List-Unsubscribe fields: one small FETCH of those two header fields in the selected folder.
 */
export async function readUnsubscribe(client: ImapFlow, uid: number): Promise<UnsubscribeDto | undefined> {
  const msg = await client.fetchOne(String(uid), { uid: true, headers: FIELDS }, { uid: true });
  return msg ? toUnsubscribeDto(parse(msg.headers)) : undefined;
}

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
