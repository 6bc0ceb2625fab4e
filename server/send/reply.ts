import 'server-only';
import type { ComposeDraftDto } from '@/lib/compose';
import type { Session } from '../session/session';
import { senderAddress } from '../session/sender';
import { withMessage } from '../mail/access/message-access';
import { toComposeFromDto, type ComposeMode, type QuoteLocale } from '../mail/dto/compose-mappers';
import { readEditableBody, readHeaderFields } from '../mail/mime/composer-source';
import { readSettings } from '../mail/settings';

export type { ComposeMode };

/**
 * A reply, reply all or forward of a stored message, ready for the composer: the original is
 * quoted (sanitized again, for the composer), a forward carries its attachments, and the From is
 * the user's address (the account's or an identity's) that the original was sent to. The quote
 * line is written in `where`'s language and time zone.
 */
export async function composeFrom(session: Session, id: string, mode: ComposeMode, where: QuoteLocale = { locale: 'en' }): Promise<ComposeDraftDto> {
  const account = senderAddress(session);
  const settings = await readSettings(session);
  const mine = [account, ...settings.identities.map((i) => i.address)];
  return withMessage(session, id, { envelope: true, bodyStructure: true, internalDate: true }, async ({ client, ref, msg }) => {
    const fields = await readHeaderFields(client, ref.uid, ['references', 'delivered-to', 'x-original-to']);
    const body = await readEditableBody(client, ref.uid, msg.bodyStructure);
    const deliveredTo = [fields['delivered-to'], fields['x-original-to']].filter((v): v is string => Boolean(v)).map((v) => v.replace(/^<|>$/g, '').trim());
    return toComposeFromDto(id, mode, msg, body, fields.references, { mine, account, deliveredTo }, where);
  });
}
