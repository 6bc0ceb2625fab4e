import 'server-only';
import type { MailboxObject } from 'imapflow';
import { decodeMessageId, type MessageRef } from '@/lib/message-id';
import { AppError } from '../http/errors';

/** Decodes an opaque id or answers 400. */
export function parseMessageIdOrThrow(id: string): MessageRef {
  const ref = decodeMessageId(id);
  if (!ref) throw new AppError('bad_request', 'Malformed message id');
  return ref;
}

/** A message id minted under another UIDVALIDITY names nothing any more: 404, never another message. */
export function assertSameUidValidity(ref: MessageRef, mailbox: MailboxObject) {
  if (mailbox.uidValidity.toString() !== ref.uidValidity) {
    throw new AppError('not_found', 'Message does not exist');
  }
}
