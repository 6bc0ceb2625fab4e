import 'server-only';
import type { FlagsInput } from '@/lib/schemas';
import { withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { AppError } from '../http/errors';
import { assertSameUidValidity, parseMessageIdOrThrow } from './locate';

/** Sets or clears \Seen and \Flagged on messages of one folder, by UID. */
export async function setFlags(session: Session, input: FlagsInput): Promise<{ updated: number }> {
  const refs = input.ids.map(parseMessageIdOrThrow);
  const path = refs[0].path;
  if (refs.some((r) => r.path !== path || r.uidValidity !== refs[0].uidValidity)) {
    throw new AppError('bad_request', 'All messages must be in the same folder');
  }
  const uids = refs.map((r) => r.uid).join(',');
  const changes: Array<[string, boolean | undefined]> = [
    ['\\Seen', input.seen],
    ['\\Flagged', input.flagged],
  ];
  return withMailbox(session, path, async (client, mailbox) => {
    assertSameUidValidity(refs[0], mailbox);
    for (const [flag, value] of changes) {
      if (value === true) await client.messageFlagsAdd(uids, [flag], { uid: true });
      if (value === false) await client.messageFlagsRemove(uids, [flag], { uid: true });
    }
    return { updated: refs.length };
  });
}
