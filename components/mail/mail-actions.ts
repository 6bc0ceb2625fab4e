import { translator } from '@/lib/i18n/client';
import { ApiError, apiRequest } from '@/lib/api-client';
import { decodeMessageId } from '@/lib/message-id';
import type { ResultSetAction, Selection } from '@/lib/schemas';
import { selectionsOf } from '@/lib/selection';
import type { MessageSummaryDto, SearchResultSet } from '@/lib/types';
import { withConversations } from './conversation/expand';
import { emptyFolder as emptyWith } from './empty-folder';
import { actOnResults as actOnResultSet } from './result-set-actions';
import type { ActionDeps, Target } from './use-mail-actions';

/*
 * The organize actions: the list changes at once, the server is asked, and on refusal the
 * list is fetched again and the user told why. Moves come with an Undo that moves exactly
 * those messages back (by the UIDs the server gave them in the destination). Fetched on first
 * use (use-mail-actions.ts keeps the mail view's first download without it).
 */

interface MoveResult {
  count: number;
  undo: Selection | null;
}

const say = () => translator('mail.toasts');
const post = <T,>(path: string, body: unknown) => apiRequest<T>(path, { method: 'POST', body });
const roleOf = (d: ActionDeps, path: string | null) => d.folders?.find((f) => f.path === path)?.role ?? null;
const nameOf = (d: ActionDeps, path: string) => d.folders?.find((f) => f.path === path)?.name ?? path;

/** One selection per folder: results of an all-folder search span several. A conversation's row brings all its messages. */
function toSelections({ folder, pages }: ActionDeps, target: Target): Selection[] {
  if (!target.all) return selectionsOf(withConversations(pages.loadedMessages(), target.ids));
  const any = pages.loadedMessages()[0];
  const ref = any && decodeMessageId(any.id);
  return ref && folder ? [{ folder, uidValidity: ref.uidValidity, uids: '1:*' }] : [];
}

const countOf = ({ pages }: ActionDeps, target: Target) => (target.results ? target.results.count : target.all ? (pages.total ?? 0) : target.ids.length);

/** The server refused: the rows taken out (`restored`, by id) come back with the pages fetched again. */
function fail({ pages, refreshFolders, showToast }: ActionDeps, error: unknown, restored: readonly string[] = []) {
  pages.refresh(restored.map((id) => decodeMessageId(id)?.uid ?? 0));
  refreshFolders();
  showToast({ kind: 'error', text: error instanceof ApiError ? error.message : say()('actionFailed') });
}

async function undoMove({ pages, refreshFolders, showToast }: ActionDeps, undos: Array<{ undo: Selection; backTo: string }>) {
  try {
    for (const { undo, backTo } of undos) await apiRequest('/api/messages/move', { method: 'POST', body: { selection: undo, destination: backTo } });
    showToast({ kind: 'info', text: say()('undone') });
  } catch (error) {
    showToast({ kind: 'error', text: error instanceof ApiError ? error.message : say()('undoFailed') });
  } finally {
    pages.refresh();
    refreshFolders();
  }
}

/** Every result of a search in one request (result-set-actions.ts): only a search's "select all N results" makes such a target. */
function actOnResults(
  d: ActionDeps,
  target: Target & { results: SearchResultSet },
  done: string | null,
  action: ResultSetAction,
  removes: boolean,
  /** A refusal the user can answer (no Archive, no Trash): the action to send instead, or null. */
  instead?: (error: unknown) => ResultSetAction | null,
) {
  const deps = { ...d, undoMove: (undos: Array<{ undo: Selection; backTo: string }>) => undoMove(d, undos), nameOf: (path: string) => nameOf(d, path), fail: (e: unknown) => fail(d, e) };
  return actOnResultSet(deps, target, done, action, removes, instead);
}

/** Takes the rows out, runs `request` per folder, and offers Undo when the server told the new UIDs. */
async function removeWith(d: ActionDeps, target: Target, done: string, request: (selection: Selection) => Promise<MoveResult>) {
  const selections = toSelections(d, target);
  if (!selections.length) return;
  d.onRemoved(target);
  d.pages.removeMessages(new Set(target.ids), target.all);
  try {
    let count = 0;
    const undos: Array<{ undo: Selection; backTo: string }> = [];
    for (const selection of selections) {
      const result = await request(selection);
      count += result.count;
      if (result.undo) undos.push({ undo: result.undo, backTo: selection.folder });
    }
    d.showToast({
      kind: 'info',
      text: say()('countDone', { n: count, done }),
      undo: undos.length === selections.length ? () => void undoMove(d, undos) : undefined,
    });
    d.pages.refresh();
    d.refreshFolders();
  } catch (error) {
    fail(d, error, target.ids);
  }
}

export function move(d: ActionDeps, target: Target, destination: string) {
  const done = say()('doneMovedTo', { folder: nameOf(d, destination) });
  return target.results
    ? actOnResults(d, { ...target, results: target.results }, done, { type: 'move', destination }, true)
    : removeWith(d, target, done, (selection) => post<MoveResult>('/api/messages/move', { selection, destination }));
}

export async function copy(d: ActionDeps, target: Target, destination: string) {
  if (target.results) return void (await actOnResults(d, { ...target, results: target.results }, `copied to ${nameOf(d, destination)}`, { type: 'copy', destination }, false));
  const selections = toSelections(d, target);
  if (!selections.length) return;
  try {
    let count = 0;
    for (const selection of selections) count += (await post<{ count: number }>('/api/messages/copy', { selection, destination })).count;
    d.showToast({ kind: 'info', text: say()('copiedTo', { n: count, folder: nameOf(d, destination) }) });
    d.refreshFolders();
  } catch (error) {
    fail(d, error);
  }
}

export async function archive(d: ActionDeps, target: Target) {
  if (target.results) {
    const ask = (error: unknown): ResultSetAction | null =>
      error instanceof ApiError && error.code === 'no_archive_folder' && window.confirm(`${error.message}\n\n${say()('createArchive')}`) ? { type: 'archive', create: true } : null;
    return void (await actOnResults(d, { ...target, results: target.results }, say()('doneArchived'), { type: 'archive', create: false }, true, ask));
  }
  return removeWith(d, target, say()('doneArchived'), async (selection) => {
    try {
      return await post<MoveResult>('/api/messages/archive', { selection });
    } catch (error) {
      // No \Archive folder on this server: ask once, then create it and archive.
      if (error instanceof ApiError && error.code === 'no_archive_folder' && window.confirm(`${error.message}\n\n${say()('createArchive')}`)) {
        return post<MoveResult>('/api/messages/archive', { selection, create: true });
      }
      throw error;
    }
  });
}

export function remove(d: ActionDeps, target: Target) {
  // In Trash and Junk, delete is for good.
  const isPermanent = (path: string | null) => ['trash', 'junk'].includes(roleOf(d, path) ?? '');
  const permanentCount = target.results
    ? target.results.folders.filter((f) => isPermanent(f.folder)).reduce((sum, f) => sum + f.count, 0)
    : target.all
      ? (isPermanent(d.folder) ? countOf(d, target) : 0)
      : target.ids.filter((id) => isPermanent(decodeMessageId(id)?.path ?? null)).length;
  if (permanentCount && !window.confirm(say()('deleteConfirm', { n: permanentCount }))) return;
  const done = say()(permanentCount === countOf(d, target) ? 'doneDeletedPermanently' : permanentCount ? 'doneDeleted' : 'doneMovedToTrash');
  if (target.results) {
    const ask = (error: unknown): ResultSetAction | null =>
      error instanceof ApiError && error.code === 'no_trash_folder' && window.confirm(`${error.message}\n\n${say()('deleteInstead')}`) ? { type: 'delete', permanent: true } : null;
    return actOnResults(d, { ...target, results: target.results }, done, { type: 'delete', permanent: false }, true, ask);
  }
  return removeWith(d, target, done, async (selection) => {
    const permanent = isPermanent(selection.folder);
    try {
      return await post<MoveResult>('/api/messages/delete', { selection, permanent });
    } catch (error) {
      // No \Trash folder on this server: deleting means deleting for good, so ask first.
      if (error instanceof ApiError && error.code === 'no_trash_folder' && window.confirm(`${error.message}\n\n${say()('deleteInstead')}`)) {
        return post<MoveResult>('/api/messages/delete', { selection, permanent: true });
      }
      throw error;
    }
  });
}

/** Junk marks as junk; on messages in the Junk folder it means "not junk" (back to the Inbox). */
export function junk(d: ActionDeps, target: Target) {
  const inJunk = (path: string) => roleOf(d, path) === 'junk';
  if (target.results) {
    const done = target.results.folders.every((f) => inJunk(f.folder)) ? say()('doneMovedToInbox') : say()('doneMarkedJunk');
    return actOnResults(d, { ...target, results: target.results }, done, { type: 'junk' }, true);
  }
  const allInJunk = toSelections(d, target).every((s) => inJunk(s.folder));
  return removeWith(d, target, allInJunk ? say()('doneMovedToInbox') : say()('doneMarkedJunk'), (selection) =>
    post<MoveResult>('/api/messages/junk', { selection, junk: !inJunk(selection.folder) }),
  );
}

export async function setFlags(d: ActionDeps, target: Target, patch: { seen?: boolean; flagged?: boolean }) {
  const { pages } = d;
  if (target.results) {
    pages.updateMessages(new Set(pages.loadedMessages().map((m) => m.id)), patch);
    const result = await actOnResults(d, { ...target, results: target.results }, null, { type: 'flags', ...patch }, false);
    if (!result) pages.refresh();
    return;
  }
  const selections = toSelections(d, target);
  if (!selections.length) return;
  const affected = target.all ? pages.loadedMessages() : pages.loadedMessages().filter((m) => target.ids.includes(m.id));
  const before = new Map<string, Partial<MessageSummaryDto>>(affected.map((m) => [m.id, { seen: m.seen, flagged: m.flagged }]));
  pages.updateMessages(new Set(before.keys()), patch);
  try {
    for (const selection of selections) await post('/api/messages/flags', { selection, ...patch });
    // Only \Seen moves the unread counts; a star needs no new folder list.
    if (patch.seen !== undefined) d.refreshFolders();
  } catch (error) {
    for (const [id, previous] of before) pages.updateMessage(id, previous);
    d.showToast({ kind: 'error', text: error instanceof ApiError ? error.message : say()('flagsFailed') });
  }
}

/** Empty Trash or Junk (rare, and asked first). */
export function emptyFolder(d: ActionDeps) {
  const { folder, folders, pages } = d;
  if (!folder) return;
  return emptyWith({ ...d, folder, total: folders?.find((f) => f.path === folder)?.total ?? pages.total ?? 0, name: nameOf(d, folder), fail: (e: unknown) => fail(d, e) });
}

/** Snoozes the messages until `until` (server/scheduler/): they leave the list and come back to INBOX then. */
export async function snooze(d: ActionDeps, target: Target, until: number) {
  if (!target.ids.length) return;
  d.onRemoved(target);
  d.pages.removeMessages(new Set(target.ids), false);
  try {
    await post('/api/snooze', { ids: target.ids, until });
    const time = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(until);
    d.showToast({ kind: 'info', text: translator('mail.scheduler')('snoozedUntil', { time }) });
    d.pages.refresh();
    d.refreshFolders();
  } catch (error) {
    fail(d, error, target.ids);
  }
}
