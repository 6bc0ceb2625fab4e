import 'server-only';
import type { FlagsInput } from '@/lib/schemas';
import type { Session } from '../session/session';
import { selectionFromInput, withSelection } from './access/message-access';
import { requireRights } from './access/rights';

/**
 * Sets or clears \Seen and \Flagged on a selection of one folder, by UID, in one STORE each.
 * In a shared or public folder the user needs the `s` right for \Seen and `w` for \Flagged
 * (RFC 4314): without it, 403 saying so (Dovecot would answer OK and change nothing).
 */
export async function setFlags(session: Session, input: FlagsInput): Promise<{ updated: true }> {
  const selection = selectionFromInput(input);
  const changes: Array<[string, boolean | undefined]> = [
    ['\\Seen', input.seen],
    ['\\Flagged', input.flagged],
  ];
  return withSelection(session, selection, async (client) => {
    const needed = `${input.seen === undefined ? '' : 's'}${input.flagged === undefined ? '' : 'w'}`;
    if (needed) {
      const doing = input.flagged === undefined ? 'markRead' : input.seen === undefined ? 'star' : 'markOrStar';
      await requireRights(client, selection.folder, needed, doing);
    }
    for (const [flag, value] of changes) {
      if (value === true) await client.messageFlagsAdd(selection.uids, [flag], { uid: true });
      if (value === false) await client.messageFlagsRemove(selection.uids, [flag], { uid: true });
    }
    return { updated: true as const };
  });
}
