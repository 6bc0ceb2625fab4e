import 'server-only';
import type { FetchMessageObject, FetchQueryObject, ImapFlow, MailboxObject } from 'imapflow';
import { decodeMessageId, type MessageRef } from '@/lib/message-id';
import type { Selection } from '@/lib/schemas';
import { selectionOf } from '@/lib/selection';
import { AppError, type ErrorText } from '../../errors';
import { withMailbox, type ClientOptions } from '../../imap/pool';
import type { Session } from '../../session/session';

/**
 * The one way an operation reaches the messages a request names. An id or a selection embeds
 * the folder's UIDVALIDITY: one minted under another (the folder was deleted and made again)
 * names nothing any more and answers 404, never another message. A UID that is gone answers 404.
 */

/** Decodes an opaque id or answers 400. */
export function parseMessageIdOrThrow(id: string): MessageRef {
  const ref = decodeMessageId(id);
  if (!ref) throw new AppError('bad_request', { key: 'malformedMessageId' });
  return ref;
}

function assertSameUidValidity(ref: { uidValidity: string }, mailbox: MailboxObject) {
  if (mailbox.uidValidity.toString() !== ref.uidValidity) {
    throw new AppError('not_found', { key: 'messageDoesNotExist' });
  }
}

/** Input that names messages either by ids or by a selection, as one selection. */
export function selectionFromInput(input: { ids?: string[]; selection?: Selection }): Selection {
  if (input.selection) return input.selection;
  const ids = input.ids ?? [];
  ids.forEach(parseMessageIdOrThrow);
  const selection = selectionOf(ids);
  if (!selection) throw new AppError('bad_request', { key: 'allMessagesMustBeIn' });
  return selection;
}

/** One message of the selected mailbox by UID (FETCH `query`), or 404 with `gone` when it is not there. */
export async function fetchMessageOrThrow(
  client: ImapFlow,
  uid: number,
  query: FetchQueryObject,
  opts: { gone?: ErrorText; binary?: boolean } = {},
): Promise<FetchMessageObject> {
  const msg = await client.fetchOne(String(uid), { ...query, uid: true }, { uid: true, binary: opts.binary });
  if (!msg || msg.uid !== uid) throw new AppError('not_found', opts.gone ?? { key: 'messageDoesNotExist' });
  return msg;
}

export interface ReachedMessage {
  client: ImapFlow;
  mailbox: MailboxObject;
  ref: MessageRef;
  /** The FETCH answer for the operation's query. */
  msg: FetchMessageObject;
}

/**
 * Runs `fn` with the message named by `id`: parsed (400 when malformed), its folder selected and
 * locked, its UIDVALIDITY checked and `query` fetched (404 when stale or gone, with `gone` as the
 * message). The lock is held until `fn` settles.
 */
export function withMessage<T>(
  session: Session,
  id: string,
  query: FetchQueryObject,
  fn: (message: ReachedMessage) => Promise<T>,
  opts: ClientOptions & { gone?: ErrorText } = {},
): Promise<T> {
  return withMessageFolder(
    session,
    id,
    async (client, mailbox, ref) => {
      const msg = await fetchMessageOrThrow(client, ref.uid, query, { gone: opts.gone });
      return fn({ client, mailbox, ref, msg });
    },
    opts,
  );
}

/**
 * Runs `fn` with the folder of the message named by `id` selected and locked, once the id is
 * parsed (400) and its UIDVALIDITY checked (404 when stale); `fn` fetches what it needs (a
 * cached open asks only FLAGS: fetchMessageOrThrow).
 */
export function withMessageFolder<T>(
  session: Session,
  id: string,
  fn: (client: ImapFlow, mailbox: MailboxObject, ref: MessageRef) => Promise<T>,
  opts: ClientOptions & { catchUp?: boolean } = {},
): Promise<T> {
  const ref = parseMessageIdOrThrow(id);
  return withMailbox(
    session,
    ref.path,
    async (client, mailbox) => {
      assertSameUidValidity(ref, mailbox);
      return fn(client, mailbox, ref);
    },
    opts,
  );
}

/**
 * Runs `fn` with the selection's folder selected and locked, once its UIDVALIDITY is checked
 * (404 when stale). UIDs that are gone are simply not acted on, as IMAP does.
 */
export function withSelection<T>(
  session: Session,
  selection: Selection,
  fn: (client: ImapFlow, mailbox: MailboxObject) => Promise<T>,
  opts: ClientOptions = {},
): Promise<T> {
  return withMailbox(
    session,
    selection.folder,
    async (client, mailbox) => {
      assertSameUidValidity(selection, mailbox);
      return fn(client, mailbox);
    },
    opts,
  );
}
