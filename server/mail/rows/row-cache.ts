import 'server-only';
import type { MessageSummaryDto } from '@/lib/types';
import { processGlobal } from '../../process-global';
import { onSignOut } from '../../session/sign-out';

/**
 * What never changes in a message's list row while its UID is valid: everything but its flags,
 * the preview included (IMAP cannot edit a message; a changed one comes back under a new UID).
 */
export type FixedRow = Pick<MessageSummaryDto, 'from' | 'subject' | 'date' | 'size' | 'hasAttachments' | 'preview'> & {
  /**
   * Not sent: the body section a first open reads (mime/read-part.ts plannedSection), so the
   * open can ask for it in its own FETCH; undefined when it reads none.
   */
  shown?: string;
};

/**
 * The fixed part of the rows each user has listed, per folder and UIDVALIDITY, so a list asks
 * the server for FLAGS only where it has seen the rows before: parsing ENVELOPE and
 * BODYSTRUCTURE was most of a list's CPU time in Wren (about 5 ms of 50 rows). Shared by the
 * user's sessions (they read the same mailbox), dropped when one of them signs out, and held
 * to MAX_ROWS rows in all, the folders used longest ago dropped first.
 */
export const MAX_ROWS = 20_000;

interface Cache {
  folders: Map<string, Map<number, FixedRow>>;
  rows: number;
}

const cache = () => processGlobal<Cache>('rowCache', () => ({ folders: new Map(), rows: 0 }));
const folderKey = (username: string, path: string, uidValidity: bigint) => `${username}\0${uidValidity}\0${path}`;

/** The rows known for the folder (marked as used now), or undefined when none are. */
export function knownRows(username: string, path: string, uidValidity: bigint): Map<number, FixedRow> | undefined {
  const { folders } = cache();
  const key = folderKey(username, path, uidValidity);
  const rows = folders.get(key);
  if (rows) {
    folders.delete(key);
    folders.set(key, rows);
  }
  return rows;
}

export function rememberRows(username: string, path: string, uidValidity: bigint, rows: Iterable<[number, FixedRow]>): void {
  const c = cache();
  const key = folderKey(username, path, uidValidity);
  const folder = c.folders.get(key) ?? new Map<number, FixedRow>();
  c.folders.delete(key);
  c.folders.set(key, folder);
  for (const [uid, row] of rows) {
    if (!folder.has(uid)) c.rows++;
    folder.set(uid, row);
  }
  // Past the cap: the folders used longest ago go first (a Map keeps insertion order), then the
  // rows this folder learned first.
  for (const [other, otherRows] of c.folders) {
    if (c.rows <= MAX_ROWS) break;
    if (other === key) continue;
    c.folders.delete(other);
    c.rows -= otherRows.size;
  }
  for (const uid of folder.keys()) {
    if (c.rows <= MAX_ROWS) break;
    folder.delete(uid);
    c.rows--;
  }
}

/** Drops every row of the user's (sign-out: nothing of theirs stays in Wren's memory). */
export function forgetRows(username: string): void {
  const c = cache();
  const prefix = `${username}\0`;
  for (const [key, rows] of c.folders) {
    if (!key.startsWith(prefix)) continue;
    c.folders.delete(key);
    c.rows -= rows.size;
  }
}

export function cachedRowCount(): number {
  return cache().rows;
}

onSignOut('row-cache', (session) => forgetRows(session.username));
