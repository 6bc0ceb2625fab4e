import 'server-only';
import type { ComposeDraftDto } from '@/lib/compose';
import type { Session } from '../session/session';
import { senderAddress } from '../session/sender';
import { withMessage } from '../mail/access/message-access';
import { toComposeFromDto, type ComposeMode } from '../mail/dto/compose-mappers';
import { readEditableBody, readHeaderFields } from '../mail/mime/composer-source';

export type { ComposeMode };

/**
 * A reply, reply all or forward of a stored message, ready for the composer: the original is
 * quoted (sanitized again, for the composer), and a forward carries its attachments.
 */
export function composeFrom(session: Session, id: string, mode: ComposeMode): Promise<ComposeDraftDto> {
  return withMessage(session, id, { envelope: true, bodyStructure: true, internalDate: true }, async ({ client, ref, msg }) => {
    const fields = await readHeaderFields(client, ref.uid, ['references']);
    const body = await readEditableBody(client, ref.uid, msg.bodyStructure);
    return toComposeFromDto(id, mode, msg, body, fields.references, senderAddress(session));
  });
}
