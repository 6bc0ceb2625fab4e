'use client';

import { useCallback } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import { decodeMessageId } from '@/lib/message-id';
import type { Selection } from '@/lib/schemas';
import { selectionsOf } from '@/lib/selection';
import type { FolderDto, MessageSummaryDto } from '@/lib/types';
import type { Toast } from './Toasts';
import type { MessagePages } from '../list/use-message-pages';

/** What an action applies to: some loaded messages, or every message of the folder. */
export interface Target {
  ids: string[];
  all: boolean;
}

interface MoveResult {
  count: number;
  undo: Selection | null;
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

  const countOf = useCallback((target: Target) => (target.all ? (pages.total ?? 0) : target.ids.length), [pages.total]);

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
      removeWith(target, `moved to ${nameOf(destination)}`, (selection) => post<MoveResult>('/api/messages/move', { selection, destination })),
    [removeWith, nameOf, post],
  );

  const copy = useCallback(
    async (target: Target, destination: string) => {
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
    [toSelections, post, showToast, nameOf, refreshFolders, fail],
  );

  const archive = useCallback(
    (target: Target) =>
      removeWith(target, 'archived', async (selection) => {
        try {
          return await post<MoveResult>('/api/messages/archive', { selection });
        } catch (error) {
          // No \Archive folder on this server: ask once, then create it and archive.
          if (error instanceof ApiError && error.code === 'no_archive_folder' && window.confirm(`${error.message}\n\nCreate an Archive folder now?`)) {
            return post<MoveResult>('/api/messages/archive', { selection, create: true });
          }
          throw error;
        }
      }),
    [removeWith, post],
  );

  const remove = useCallback(
    (target: Target) => {
      // In Trash and Junk, delete is for good.
      const isPermanent = (path: string | null) => ['trash', 'junk'].includes(roleOf(path) ?? '');
      const permanentCount = target.all ? (isPermanent(folder) ? countOf(target) : 0) : target.ids.filter((id) => isPermanent(decodeMessageId(id)?.path ?? null)).length;
      if (permanentCount && !window.confirm(`Delete ${plural(permanentCount)} permanently? This cannot be undone.`)) return;
      const done = permanentCount === countOf(target) ? 'deleted permanently' : permanentCount ? 'deleted' : 'moved to Trash';
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
    [roleOf, folder, countOf, removeWith, post],
  );

  /** Junk marks as junk; on messages in the Junk folder it means "not junk" (back to the Inbox). */
  const junk = useCallback(
    (target: Target) => {
      const inJunk = (path: string) => roleOf(path) === 'junk';
      const allInJunk = toSelections(target).every((s) => inJunk(s.folder));
      return removeWith(target, allInJunk ? 'moved to Inbox' : 'marked as junk', (selection) =>
        post<MoveResult>('/api/messages/junk', { selection, junk: !inJunk(selection.folder) }),
      );
    },
    [roleOf, toSelections, removeWith, post],
  );

  const setFlags = useCallback(
    async (target: Target, patch: { seen?: boolean; flagged?: boolean }) => {
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
    [toSelections, pages, post, refreshFolders, showToast],
  );

  const emptyFolder = useCallback(async () => {
    if (!folder) return;
    const total = folders?.find((f) => f.path === folder)?.total ?? pages.total ?? 0;
    if (!window.confirm(`Permanently delete all ${plural(total)} in ${nameOf(folder)}?`)) return;
    onRemoved({ ids: [], all: true });
    pages.removeMessages(new Set(), true);
    try {
      const result = await post<{ count: number }>('/api/folders/empty', { folder });
      showToast({ kind: 'info', text: `${plural(result.count)} deleted permanently` });
      refreshFolders();
    } catch (error) {
      fail(error);
    }
  }, [folders, folder, pages, nameOf, onRemoved, post, showToast, refreshFolders, fail]);

  return { role, roleOf, move, copy, archive, remove, junk, setFlags, emptyFolder };
}

export type MailActions = ReturnType<typeof useMailActions>;
