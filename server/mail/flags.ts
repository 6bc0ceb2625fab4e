import 'server-only';
import type { FlagsInput } from '@/lib/schemas';
import type { Session } from '../session/session';
import { selectionFromInput, withSelection } from './access/message-access';

/** Sets or clears \Seen and \Flagged on a selection of one folder, by UID, in one STORE each. */
export async function setFlags(session: Session, input: FlagsInput): Promise<{ updated: true }> {
  const selection = selectionFromInput(input);
  const changes: Array<[string, boolean | undefined]> = [
    ['\\Seen', input.seen],
    ['\\Flagged', input.flagged],
  ];
  return withSelection(session, selection, async (client) => {
    for (const [flag, value] of changes) {
      if (value === true) await client.messageFlagsAdd(selection.uids, [flag], { uid: true });
      if (value === false) await client.messageFlagsRemove(selection.uids, [flag], { uid: true });
    }
    return { updated: true as const };
  });
}
