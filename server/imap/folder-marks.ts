import 'server-only';
import { processGlobal } from '../process-global';
import type { FolderStatus } from './commands/notify';

/**
 * What each session last knew of each watched folder it does not have selected: its
 * HIGHESTMODSEQ (every append, expunge and flag change moves it; CONDSTORE is always on), or
 * MESSAGES and UIDNEXT without it. A STATUS from NOTIFY or from polling that differs means the
 * folder changed: its tabs catch up. The same STATUS twice (Dovecot repeats itself) is nothing.
 */

const marks = () => processGlobal('imapFolderMarks', () => new Map<string, Map<string, string>>());

const keyOf = (path: string) => (path.toUpperCase() === 'INBOX' ? 'INBOX' : path);

function markOf(status: Omit<FolderStatus, 'path'>): string | null {
  if (status.highestModseq) return `m${status.highestModseq}`;
  if (status.messages === undefined && status.uidNext === undefined) return null;
  return `n${status.messages ?? ''}/${status.uidNext ?? ''}`;
}

/**
 * Records what `status` says of its folder and answers whether that is news: a change from
 * what was known, or (unless `baseline`) a folder not known before. A baseline (the answer to
 * NOTIFY, a freshly selected folder) only records.
 */
export function noteFolderStatus(sessionId: string, status: FolderStatus, baseline: boolean): boolean {
  const mark = markOf(status);
  if (!mark) return false;
  const all = marks();
  const known = all.get(sessionId) ?? new Map<string, string>();
  all.set(sessionId, known);
  const key = keyOf(status.path);
  const before = known.get(key);
  known.set(key, mark);
  return before === undefined ? !baseline : before !== mark;
}

/** Forgets a session's marks (its connections closed). */
export function forgetFolderMarks(sessionId: string) {
  marks().delete(sessionId);
}
