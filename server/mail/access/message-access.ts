import 'server-only';
import type { MailboxObject } from 'imapflow';
import { decodeMessageId, type MessageRef } from '@/lib/message-id';
import type { Selection } from '@/lib/schemas';
import { selectionOf } from '@/lib/selection';
import { AppError } from '../../errors';

/** Decodes an opaque id or answers 400. */
export function parseMessageIdOrThrow(id: string): MessageRef {
  const ref = decodeMessageId(id);
  if (!ref) throw new AppError('bad_request', 'Malformed message id');
  return ref;
}

/** An id or selection minted under another UIDVALIDITY names nothing any more: 404, never another message. */
export function assertSameUidValidity(ref: { uidValidity: string }, mailbox: MailboxObject) {
  if (mailbox.uidValidity.toString() !== ref.uidValidity) {
    throw new AppError('not_found', 'Message does not exist');
  }
}

/** Input that names messages either by ids or by a selection, as one selection. */
export function selectionFromInput(input: { ids?: string[]; selection?: Selection }): Selection {
  if (input.selection) return input.selection;
  const ids = input.ids ?? [];
  ids.forEach(parseMessageIdOrThrow);
  const selection = selectionOf(ids);
  if (!selection) throw new AppError('bad_request', 'All messages must be in the same folder');
  return selection;
}
