import 'server-only';
import { randomBytes } from 'node:crypto';
import { NO_LINE_BREAKS } from '@/lib/address';
import { newFilterRule } from '@/lib/filter-rule';
import type { FilterFromMessageInput } from '@/lib/schemas';
import type { BlockSenderDto, FilterSuggestionDto } from '@/lib/types';
import { AppError } from '../errors';
import type { Session } from '../session/session';
import { withSieve } from '../sieve/connect';
import { withMessage } from './access/message-access';
import { loadFolderIndex } from './access/special-folders';
import { listIdOf } from './filters/list-id';
import { readSieve, writeSieve } from './filters/state';

/*
 * Filters made from an open message. Block sender files the sender's future mail into the Junk
 * folder and stops there (no later rule, no vacation reply), rather than deleting it on arrival:
 * a sender blocked by mistake loses nothing, and the mail is in Junk to be found. The message
 * that is open is not moved (Junk does that). The sender comes from the message on the server,
 * never from the browser.
 */

const newRuleId = (prefix: string) => `${prefix}-${randomBytes(6).toString('base64url')}`;

/** The message's sender address, lower case, or 400 when it has none Wren can filter on. */
function senderOf(envelope: { from?: Array<{ address?: string }> } | undefined): string {
  const address = envelope?.from?.[0]?.address?.trim().toLowerCase() ?? '';
  if (!address || !address.includes('@') || !NO_LINE_BREAKS.test(address) || address.length > 320) {
    throw new AppError('bad_request', { key: 'thisMessageHasNoSender' });
  }
  return address;
}

/** Files the sender's future mail into Junk: a rule at the top of Wren's filters (once per sender). */
export async function blockSender(session: Session, input: FilterFromMessageInput): Promise<BlockSenderDto> {
  const { address, junk } = await withMessage(session, input.id, { envelope: true }, async ({ client, msg }) => {
    const folders = await loadFolderIndex(client);
    return { address: senderOf(msg.envelope), junk: folders.byRole('junk') };
  });
  if (!junk) throw new AppError('no_junk_folder', { key: 'thisAccountHasNoJunk' });
  return withSieve(session, async (client) => {
    const { model } = await readSieve(client);
    const existing = model.rules.find(
      (r) => r.enabled && r.field === 'from' && r.match === 'is' && r.value.toLowerCase() === address && r.fileInto === junk.path && r.stop,
    );
    if (existing) return { address, folder: junk.name, rule: existing, alreadyBlocked: true };
    const rule = newFilterRule(newRuleId('block'), { match: 'is', value: address, fileInto: junk.path, stop: true });
    await writeSieve(client, { ...model, rules: [rule, ...model.rules] }, input.replaceActive);
    return { address, folder: junk.name, rule, alreadyBlocked: false };
  });
}

/**
 * A new rule for mail like this message, to finish in the filters editor: its mailing list
 * (List-Id) when it came through one, else its sender. No action is chosen yet.
 */
export async function suggestFilter(session: Session, id: string): Promise<FilterSuggestionDto> {
  const { listId, address } = await withMessage(session, id, { envelope: true, headers: ['list-id'] }, async ({ msg }) => ({
    listId: listIdOf(msg.headers),
    address: msg.envelope?.from?.[0]?.address ? senderOf(msg.envelope) : null,
  }));
  if (!listId && !address) throw new AppError('bad_request', { key: 'thisMessageHasNeitherA' });
  return {
    rule: newFilterRule(newRuleId('rule'), { field: listId ? 'list-id' : 'from', value: listId ?? address! }),
  };
}
