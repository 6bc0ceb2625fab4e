import 'server-only';
import type { CopyResponseObject, ImapFlow, StoreOptions } from 'imapflow';
import type { Selection } from '@/lib/schemas';
import { toUidSet } from '@/lib/selection';
import { AppError } from '../../errors';
import { readQuota } from '../quota';
import { runOrRefuse, transferRefusalError, unexpectedRefusalError } from './refused-command';

/**
 * Message transfer primitives on the selected (locked) mailbox, by UID, each a fixed number of
 * IMAP commands whatever the number of messages.
 */

export interface Transferred {
  count: number;
  /** The same messages in the destination (UIDs from COPYUID); null when the server told none. */
  undo: Selection | null;
}

const NOTHING: Transferred = { count: 0, undo: null };

// messageDelete() hands its options to its STORE: .SILENT spares the server a FETCH response
// per message (1,000 of them for a 1,000-message move) that nobody reads.
const SILENT_UIDS: StoreOptions = { uid: true, silent: true };

/**
 * The selection's UID set as imapflow should send it. imapflow turns a bare "*" into the
 * sequence number of the last message and fails on an empty folder; "*:*" is the same UID.
 */
export function uidSetOf(selection: Selection): string {
  return selection.uids === '*' ? '*:*' : selection.uids;
}

/** The UIDs of `uidSet` that exist now (one UID SEARCH), ascending. */
export async function resolveUids(client: ImapFlow, uidSet: string): Promise<number[]> {
  const found = await client.search({ uid: uidSet }, { uid: true });
  if (!found) throw unexpectedRefusalError(null);
  return [...found].sort((a, b) => a - b);
}

/**
 * Removes exactly these messages: STORE +FLAGS \Deleted, then UID EXPUNGE of the same UIDs.
 * Without UIDPLUS there is no UID EXPUNGE, and a plain EXPUNGE would also remove messages
 * that other clients flagged \Deleted: the messages are left flagged \Deleted (the list hides
 * them) for the next EXPUNGE of whoever owns that decision.
 */
export async function expungeExactly(client: ImapFlow, uids: number[]): Promise<void> {
  if (!uids.length) return;
  if (client.capabilities.has('UIDPLUS')) return expunge(client, uids);
  const uidSet = toUidSet(uids);
  await runOrRefuse(client, async () => (await client.messageFlagsAdd(uidSet, ['\\Deleted'], SILENT_UIDS)) || false, unexpectedRefusalError);
}

/**
 * STORE +FLAGS \Deleted and EXPUNGE: UID EXPUNGE of these UIDs with UIDPLUS, else a plain
 * EXPUNGE of every \Deleted message of the folder (right only when all of it goes).
 */
export async function expunge(client: ImapFlow, uids: number[]): Promise<void> {
  if (!uids.length) return;
  const uidSet = toUidSet(uids);
  await runOrRefuse(client, async () => (await client.messageDelete(uidSet, SILENT_UIDS)) || false, unexpectedRefusalError);
}

function transferred(copy: CopyResponseObject, destination: string, knownCount: number | null): Transferred {
  const map = copy.uidMap;
  const undo = map?.size && copy.uidValidity !== undefined
    ? { folder: destination, uidValidity: copy.uidValidity.toString(), uids: toUidSet([...map.values()]) }
    : null;
  return { count: map?.size ?? knownCount ?? 0, undo };
}

/**
 * Copies or moves `uidSet` into `destination` in one command: UID MOVE when the server has
 * MOVE, else UID COPY and, only once the copy succeeded, removal of exactly the copied
 * originals. (imapflow's own fallback is not used: it has deleted even after a failed copy.)
 * A refused copy or move removes nothing and answers over_quota or not_found. `folderName`
 * is asked only to word an error.
 */
export async function transferMessages(
  client: ImapFlow,
  uidSet: string,
  destination: string,
  mode: 'move' | 'copy',
  folderName: () => Promise<string>,
): Promise<Transferred> {
  const uidplus = client.capabilities.has('UIDPLUS');
  // Without UIDPLUS the server names no UIDs in its answer: pin the set first, so the same
  // messages are counted, copied and then flagged, whatever arrives meanwhile.
  const known = uidplus ? null : await resolveUids(client, uidSet);
  if (known && !known.length) return NOTHING;
  const set = known ? toUidSet(known) : uidSet;
  const toError = (code: string | null) => transferRefusalError(code, folderName, () => readQuota(client, destination));

  if (mode === 'move' && client.capabilities.has('MOVE')) {
    const moved = await runOrRefuse(client, () => client.messageMove(set, destination, { uid: true }), toError);
    return transferred(moved, destination, known?.length ?? null);
  }
  const copied = await runOrRefuse(client, () => client.messageCopy(set, destination, { uid: true }), toError);
  if (mode === 'move') {
    // With UIDPLUS, COPYUID names what was copied; a server that names nothing gets nothing
    // removed: a duplicate beats a loss.
    const originals = copied.uidMap ? [...copied.uidMap.keys()] : (known ?? []);
    try {
      await expungeExactly(client, originals);
    } catch (error) {
      // Nothing is lost, but the messages are now in both folders: say so rather than "failed".
      throw new AppError('internal', { key: 'copiedNotRemoved', values: { folder: await folderName() } }, { cause: error });
    }
  }
  return transferred(copied, destination, known?.length ?? null);
}
