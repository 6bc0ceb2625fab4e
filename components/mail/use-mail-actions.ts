'use client';

import { useCallback } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import { decodeMessageId } from '@/lib/message-id';
import type { ResultSetAction, Selection } from '@/lib/schemas';
import { selectionsOf } from '@/lib/selection';
import type { FolderDto, MessageSummaryDto, SearchResultSet } from '@/lib/types';
import type { Toast } from './Toasts';
import type { MessagePages } from '../list/use-message-pages';
import { lazyModule } from '../ui/use-lazy-module';

const resultSetActions = lazyModule(() => import('./result-set-actions'));
const folderEmptier = lazyModule(() => import('./empty-folder'));

/** What an action applies to: some loaded messages, every message of the folder, or every result of a search. */
export interface Target {
  ids: string[];
  all: boolean;
  /** Every result of the search (loaded or not), pinned on the server: sent as its token. */
  results?: SearchResultSet;
}

interface MoveResult {
  count: number;
  undo: Selection | null;
}

/** POST /api/search/results/action's answer: an undo per folder the results went to. */
export interface ResultSetActionResult {
  count: number;
  undo: Array<{ undo: Selection; backTo: string }>;
  permanent: boolean;
  failed: Array<{ folder: string; message: string }>;
}

interface Deps {
  /** The folder shown; null while the list shows results from all folders. */
  folder: string | null;
  folders: FolderDto[] | null;
  pages: MessagePages;
  showToast: (toast: Omit<Toast, 'id'>) => void;
  refreshFolders: () => void;
  /** Called before rows leave the list, so selection and the open message can follow. */
  onRemoved: (target: Target) => void;
}

const plural = (n: number) => `${n} message${n === 1 ? '' : 's'}`;

/**
 * The organize actions: the list changes at once, the server is asked, and on refusal the
 * list is fetched again and the user told why. Moves come with an Undo that moves exactly
 * those messages back (by the UIDs the server gave them in the destination).
 */
export function useMailActions({ folder, folders, pages, showToast, refreshFolders, onRemoved }: Deps) {
  const roleOf = useCallback((path: string | null) => folders?.find((f) => f.path === path)?.role ?? null, [folders]);
  const role = roleOf(folder);
  const nameOf = useCallback((path: string) => folders?.find((f) => f.path === path)?.name ?? path, [folders]);

  /** One selection per folder: results of an all-folder search span several. */
  const toSelections = useCallback(
    (target: Target): Selection[] => {
      if (!target.all) return selectionsOf(target.ids);
      const any = pages.loadedMessages()[0];
      const ref = any && decodeMessageId(any.id);
      return ref && folder ? [{ folder, uidValidity: ref.uidValidity, uids: '1:*' }] : [];
    },
    [folder, pages],
  );

  const countOf = useCallback((target: Target) => (target.results ? target.results.count : target.all ? (pages.total ?? 0) : target.ids.length), [pages.total]);

  const fail = useCallback(
    (error: unknown) => {
      pages.refresh();
      refreshFolders();
      showToast({ kind: 'error', text: error instanceof ApiError ? error.message : 'The action failed' });
    },
    [pages, refreshFolders, showToast],
  );

  const undoMove = useCallback(
    async (undos: Array<{ undo: Selection; backTo: string }>) => {
      try {
        for (const { undo, backTo } of undos) await apiRequest('/api/messages/move', { method: 'POST', body: { selection: undo, destination: backTo } });
        showToast({ kind: 'info', text: 'Undone' });
      } catch (error) {
        showToast({ kind: 'error', text: error instanceof ApiError ? error.message : 'Undo failed' });
      } finally {
        pages.refresh();
        refreshFolders();
      }
    },
    [pages, refreshFolders, showToast],
  );

  /**
   * Every result of a search in one request (result-set-actions.ts, fetched when first used:
   * only a search's "select all N results" makes such a target).
   */
  const actOnResults = useCallback(
    (
      target: Target & { results: SearchResultSet },
      done: string | null,
      action: ResultSetAction,
      removes: boolean,
      /** A refusal the user can answer (no Archive, no Trash): the action to send instead, or null. */
      instead?: (error: unknown) => ResultSetAction | null,
    ): Promise<ResultSetActionResult | null> =>
      resultSetActions.load().then(
        (m) => m.actOnResults({ onRemoved, pages, showToast, undoMove, nameOf, refreshFolders, fail }, target, done, action, removes, instead),
        (error: unknown) => (fail(error), null),
      ),
    [onRemoved, pages, showToast, undoMove, nameOf, refreshFolders, fail],
  );

  /** Takes the rows out, runs `request` per folder, and offers Undo when the server told the new UIDs. */
  const removeWith = useCallback(
    async (target: Target, done: string, request: (selection: Selection) => Promise<MoveResult>) => {
      const selections = toSelections(target);
      if (!selections.length) return;
      onRemoved(target);
      pages.removeMessages(new Set(target.ids), target.all);
      try {
        let count = 0;
        const undos: Array<{ undo: Selection; backTo: string }> = [];
        for (const selection of selections) {
          const result = await request(selection);
          count += result.count;
          if (result.undo) undos.push({ undo: result.undo, backTo: selection.folder });
        }
        showToast({
          kind: 'info',
          text: `${plural(count)} ${done}`,
          undo: undos.length === selections.length ? () => void undoMove(undos) : undefined,
        });
        refreshFolders();
      } catch (error) {
        fail(error);
      }
    },
    [toSelections, onRemoved, pages, showToast, undoMove, refreshFolders, fail],
  );

  const post = useCallback(<T,>(path: string, body: unknown) => apiRequest<T>(path, { method: 'POST', body }), []);

  const move = useCallback(
    (target: Target, destination: string) =>
      target.results
        ? actOnResults({ ...target, results: target.results }, `moved to ${nameOf(destination)}`, { type: 'move', destination }, true)
        : removeWith(target, `moved to ${nameOf(destination)}`, (selection) => post<MoveResult>('/api/messages/move', { selection, destination })),
    [removeWith, actOnResults, nameOf, post],
  );

  const copy = useCallback(
    async (target: Target, destination: string) => {
      if (target.results) return void (await actOnResults({ ...target, results: target.results }, `copied to ${nameOf(destination)}`, { type: 'copy', destination }, false));
      const selections = toSelections(target);
      if (!selections.length) return;
      try {
        let count = 0;
        for (const selection of selections) count += (await post<{ count: number }>('/api/messages/copy', { selection, destination })).count;
        showToast({ kind: 'info', text: `${plural(count)} copied to ${nameOf(destination)}` });
        refreshFolders();
      } catch (error) {
        fail(error);
      }
    },
    [toSelections, actOnResults, post, showToast, nameOf, refreshFolders, fail],
  );

  const archive = useCallback(
    async (target: Target) => {
      if (target.results) {
        const ask = (error: unknown): ResultSetAction | null =>
          error instanceof ApiError && error.code === 'no_archive_folder' && window.confirm(`${error.message}\n\nCreate an Archive folder now?`) ? { type: 'archive', create: true } : null;
        return void (await actOnResults({ ...target, results: target.results }, 'archived', { type: 'archive', create: false }, true, ask));
      }
      return removeWith(target, 'archived', async (selection) => {
        try {
          return await post<MoveResult>('/api/messages/archive', { selection });
        } catch (error) {
          // No \Archive folder on this server: ask once, then create it and archive.
          if (error instanceof ApiError && error.code === 'no_archive_folder' && window.confirm(`${error.message}\n\nCreate an Archive folder now?`)) {
            return post<MoveResult>('/api/messages/archive', { selection, create: true });
          }
          throw error;
        }
      });
    },
    [removeWith, actOnResults, post],
  );

  const remove = useCallback(
    (target: Target) => {
      // In Trash and Junk, delete is for good.
      const isPermanent = (path: string | null) => ['trash', 'junk'].includes(roleOf(path) ?? '');
      const permanentCount = target.results
        ? target.results.folders.filter((f) => isPermanent(f.folder)).reduce((sum, f) => sum + f.count, 0)
        : target.all
          ? (isPermanent(folder) ? countOf(target) : 0)
          : target.ids.filter((id) => isPermanent(decodeMessageId(id)?.path ?? null)).length;
      if (permanentCount && !window.confirm(`Delete ${plural(permanentCount)} permanently? This cannot be undone.`)) return;
      const done = permanentCount === countOf(target) ? 'deleted permanently' : permanentCount ? 'deleted' : 'moved to Trash';
      if (target.results) {
        const ask = (error: unknown): ResultSetAction | null =>
          error instanceof ApiError && error.code === 'no_trash_folder' && window.confirm(`${error.message}\n\nDelete permanently instead?`) ? { type: 'delete', permanent: true } : null;
        return actOnResults({ ...target, results: target.results }, done, { type: 'delete', permanent: false }, true, ask);
      }
      return removeWith(target, done, async (selection) => {
        const permanent = isPermanent(selection.folder);
        try {
          return await post<MoveResult>('/api/messages/delete', { selection, permanent });
        } catch (error) {
          // No \Trash folder on this server: deleting means deleting for good, so ask first.
          if (error instanceof ApiError && error.code === 'no_trash_folder' && window.confirm(`${error.message}\n\nDelete permanently instead?`)) {
            return post<MoveResult>('/api/messages/delete', { selection, permanent: true });
          }
          throw error;
        }
      });
    },
    [roleOf, folder, countOf, removeWith, actOnResults, post],
  );

  /** Junk marks as junk; on messages in the Junk folder it means "not junk" (back to the Inbox). */
  const junk = useCallback(
    (target: Target) => {
      const inJunk = (path: string) => roleOf(path) === 'junk';
      if (target.results) {
        const done = target.results.folders.every((f) => inJunk(f.folder)) ? 'moved to Inbox' : 'marked as junk';
        return actOnResults({ ...target, results: target.results }, done, { type: 'junk' }, true);
      }
      const allInJunk = toSelections(target).every((s) => inJunk(s.folder));
      return removeWith(target, allInJunk ? 'moved to Inbox' : 'marked as junk', (selection) =>
        post<MoveResult>('/api/messages/junk', { selection, junk: !inJunk(selection.folder) }),
      );
    },
    [roleOf, toSelections, removeWith, actOnResults, post],
  );

  const setFlags = useCallback(
    async (target: Target, patch: { seen?: boolean; flagged?: boolean }) => {
      if (target.results) {
        pages.updateMessages(new Set(pages.loadedMessages().map((m) => m.id)), patch);
        const result = await actOnResults({ ...target, results: target.results }, null, { type: 'flags', ...patch }, false);
        if (!result) pages.refresh();
        return;
      }
      const selections = toSelections(target);
      if (!selections.length) return;
      const affected = target.all ? pages.loadedMessages() : pages.loadedMessages().filter((m) => target.ids.includes(m.id));
      const before = new Map<string, Partial<MessageSummaryDto>>(affected.map((m) => [m.id, { seen: m.seen, flagged: m.flagged }]));
      pages.updateMessages(new Set(before.keys()), patch);
      try {
        for (const selection of selections) await post('/api/messages/flags', { selection, ...patch });
        // Only \Seen moves the unread counts; a star needs no new folder list.
        if (patch.seen !== undefined) refreshFolders();
      } catch (error) {
        for (const [id, previous] of before) pages.updateMessage(id, previous);
        showToast({ kind: 'error', text: error instanceof ApiError ? error.message : 'Could not change flags' });
      }
    },
    [toSelections, actOnResults, pages, post, refreshFolders, showToast],
  );

  /** Empty Trash or Junk (rare, and asked first): its code is fetched when first used (empty-folder.ts). */
  const emptyFolder = useCallback(
    () =>
      folder &&
      folderEmptier.load().then(
        (m) => m.emptyFolder({ folder, total: folders?.find((f) => f.path === folder)?.total ?? pages.total ?? 0, name: nameOf(folder), onRemoved, pages, showToast, refreshFolders, fail }),
        fail,
      ),
    [folders, folder, pages, nameOf, onRemoved, showToast, refreshFolders, fail],
  );

  return { role, roleOf, move, copy, archive, remove, junk, setFlags, emptyFolder };
}

export type MailActions = ReturnType<typeof useMailActions>;
