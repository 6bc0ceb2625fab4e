import 'server-only';
import type { Session } from '../session/session';
import { withMessage } from './access/message-access';

/** The most of a message View source shows: past it, the start and a note (the .eml download has it all). */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export interface MessageSource {
  /** The message as stored, at most MAX_SOURCE_BYTES of it. */
  bytes: Buffer;
  /** The whole message's size (RFC822.SIZE). */
  size: number;
  cut: boolean;
}

/**
 * The raw message (headers and body as stored) for View source: one FETCH of at most
 * MAX_SOURCE_BYTES (BODY.PEEK[]<0.n>), never the whole of a large message.
 */
export async function readMessageSource(session: Session, id: string): Promise<MessageSource> {
  return withMessage(session, id, { size: true, source: { start: 0, maxLength: MAX_SOURCE_BYTES } }, async ({ msg }) => {
    const bytes = msg.source ?? Buffer.alloc(0);
    const size = msg.size ?? bytes.length;
    return { bytes, size, cut: size > bytes.length };
  });
}
