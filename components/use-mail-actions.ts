'use client';

import { useCallback } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import { decodeMessageId } from '@/lib/message-id';
import type { Selection } from '@/lib/schemas';
import { selectionOf } from '@/lib/selection';
import type { FolderDto, MessageSummaryDto } from '@/lib/types';
import type { Toast } from './Toasts';
import type { MessagePages } from './use-message-pages';

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
  folder: string;
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
  const role = folders?.find((f) => f.path === folder)?.role ?? null;
  const nameOf = useCallback((path: string) => folders?.find((f) => f.path === path)?.name ?? path, [folders]);

  const toSelection = useCallback(
    (target: Target): Selection | null => {
      if (!target.all) return selectionOf(target.ids);
      const any = pages.loadedMessages()[0];
      const ref = any && decodeMessageId(any.id);
      return ref ? { folder, uidValidity: ref.uidValidity, uids: '1:*' } : null;
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
    async (undo: Selection, backTo: string) => {
      try {
        await apiRequest('/api/messages/move', { method: 'POST', body: { selection: undo, destination: backTo } });
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

  /** Takes the rows out, runs `request`, and offers Undo when the server told the new UIDs. */
  const removeWith = useCallback(
    async (target: Target, done: string, request: (selection: Selection) => Promise<MoveResult>) => {
      const selection = toSelection(target);
      if (!selection) return;
      const source = folder;
      onRemoved(target);
      pages.removeMessages(new Set(target.ids), target.all);
      try {
        const result = await request(selection);
        showToast({
          kind: 'info',
          text: `${plural(result.count)} ${done}`,
          undo: result.undo ? () => void undoMove(result.undo!, source) : undefined,
        });
        refreshFolders();
      } catch (error) {
        fail(error);
      }
    },
    [toSelection, folder, onRemoved, pages, showToast, undoMove, refreshFolders, fail],
  );

  const post = useCallback(<T,>(path: string, body: unknown) => apiRequest<T>(path, { method: 'POST', body }), []);

  const move = useCallback(
    (target: Target, destination: string) =>
      removeWith(target, `moved to ${nameOf(destination)}`, (selection) => post<MoveResult>('/api/messages/move', { selection, destination })),
    [removeWith, nameOf, post],
  );

  const copy = useCallback(
    async (target: Target, destination: string) => {
      const selection = toSelection(target);
      if (!selection) return;
      try {
        const result = await post<{ count: number }>('/api/messages/copy', { selection, destination });
        showToast({ kind: 'info', text: `${plural(result.count)} copied to ${nameOf(destination)}` });
        refreshFolders();
      } catch (error) {
        fail(error);
      }
    },
    [toSelection, post, showToast, nameOf, refreshFolders, fail],
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
      const permanent = role === 'trash' || role === 'junk';
      if (permanent && !window.confirm(`Delete ${plural(countOf(target))} permanently? This cannot be undone.`)) return;
      return removeWith(target, permanent ? 'deleted permanently' : 'moved to Trash', async (selection) => {
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
    [role, countOf, removeWith, post],
  );

  const junk = useCallback(
    (target: Target) => {
      const isJunk = role !== 'junk';
      return removeWith(target, isJunk ? 'marked as junk' : 'moved to Inbox', (selection) =>
        post<MoveResult>('/api/messages/junk', { selection, junk: isJunk }),
      );
    },
    [role, removeWith, post],
  );

  const setFlags = useCallback(
    async (target: Target, patch: { seen?: boolean; flagged?: boolean }) => {
      const selection = toSelection(target);
      if (!selection) return;
      const affected = target.all ? pages.loadedMessages() : pages.loadedMessages().filter((m) => target.ids.includes(m.id));
      const before = new Map<string, Partial<MessageSummaryDto>>(affected.map((m) => [m.id, { seen: m.seen, flagged: m.flagged }]));
      pages.updateMessages(new Set(before.keys()), patch);
      try {
        await post('/api/messages/flags', { selection, ...patch });
        // Only \Seen moves the unread counts; a star needs no new folder list.
        if (patch.seen !== undefined) refreshFolders();
      } catch (error) {
        for (const [id, previous] of before) pages.updateMessage(id, previous);
        showToast({ kind: 'error', text: error instanceof ApiError ? error.message : 'Could not change flags' });
      }
    },
    [toSelection, pages, post, refreshFolders, showToast],
  );

  const emptyFolder = useCallback(async () => {
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

  return { role, move, copy, archive, remove, junk, setFlags, emptyFolder };
}

export type MailActions = ReturnType<typeof useMailActions>;
