'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import { completePages, mergeChanges, mergePage } from '@/lib/live-merge';
import { DEFAULT_SORT, listsConversations, type SortOrder } from '@/lib/sort';
import type { FolderChangesDto, FolderSyncDto, MessagePageDto, MessageSummaryDto, SearchResultSet } from '@/lib/types';

export const PAGE_SIZE = 50;

interface State {
  folder: string;
  /** The search shown, '' for the whole folder. */
  q: string;
  /** The folder's order (lib/sort.ts); a search lists newest first whatever it is. */
  sort: SortOrder;
  /** The server sorts (SORT): other orders than arrival can be offered. */
  canSort: boolean;
  total: number | null;
  /** Loaded rows by position (0 = newest). */
  items: Map<number, MessageSummaryDto>;
  /** Pages fetched since the last change of positions; others are fetched when in view. */
  loaded: Set<number>;
  error: string | null;
  /** The oldest point the loaded rows are known from: live catch-up asks what changed since. */
  sync: FolderSyncDto | null;
  /** UIDs already taken out here (by an action or a change), so hearing of them again moves nothing. */
  gone: Set<number>;
  /** A search's whole result set, from the page answered last (its total is the true count). */
  resultSet: SearchResultSet | null;
}

/**
 * Windows of a folder's message list, fetched page by page as the list scrolls to them:
 * never the whole folder. Rows can be changed or taken out at once (optimistic actions); the
 * pages in view are then fetched again to settle on what the server says.
 */
export function useMessagePages(folder: string, initial: MessagePageDto | null, q = '', sort: SortOrder = DEFAULT_SORT, threads = false) {
  // Conversations list in date order only: another order lists single messages (#21).
  const grouped = listsConversations(threads, sort);
  const [state, setState] = useState<State>(() => initialState(folder, q, initial, sort));
  const inFlight = useRef(new Set<string>());

  useEffect(() => {
    // A new folder starts empty; the initial page only belongs to the folder it came from.
    setState((prev) => (prev.folder === folder && prev.q === q && prev.sort === sort ? prev : initialState(folder, q, initial, sort, prev.canSort)));
  }, [folder, q, initial, sort]);

  const loadPage = useCallback(
    async (page: number) => {
      const key = `${folder}\u0000${q}\u0000${sort}\u0000${page}`;
      if (inFlight.current.has(key)) return;
      inFlight.current.add(key);
      try {
        const data = await apiRequest<MessagePageDto>(
          `/api/messages?folder=${encodeURIComponent(folder)}&offset=${page * PAGE_SIZE}&limit=${PAGE_SIZE}${q ? `&q=${encodeURIComponent(q)}` : grouped ? '&threads=1' : sort !== DEFAULT_SORT ? `&sort=${sort}` : ''}`,
        );
        setState((prev) => {
          // An answer for a folder or search no longer shown is dropped (a cancelled search).
          if (prev.folder !== folder || prev.q !== q || prev.sort !== sort) return prev;
          // Rows taken out by an action still under way are not brought back by an answer that crossed it.
          const { items, total } = mergePage(prev.items, page, PAGE_SIZE, data, prev.gone);
          const loaded = new Set(prev.loaded).add(page);
          const resultSet = q && data.resultSet ? { token: data.resultSet, count: total, folders: [{ folder, count: total }] } : null;
          const canSort = q ? prev.canSort : !!data.canSort;
          return { ...prev, total, items, loaded, error: null, sync: prev.sync ?? (q ? null : data.sync), resultSet, canSort };
        });
      } catch (error) {
        setState((prev) => (prev.folder === folder && prev.q === q && prev.sort === sort ? { ...prev, error: (error as Error).message } : prev));
      } finally {
        inFlight.current.delete(key);
      }
    },
    [folder, q, sort, grouped],
  );

  useEffect(() => {
    if (state.folder === folder && state.q === q && state.sort === sort && state.total === null && !state.error) void loadPage(0);
  }, [folder, q, sort, state.folder, state.q, state.sort, state.total, state.error, loadPage]);

  const ensureRange = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!state.loaded.has(page)) void loadPage(page);
      }
    },
    [state.loaded, loadPage],
  );

  const messageAt = useCallback((index: number) => state.items.get(index), [state.items]);

  const updateMessages = useCallback((ids: Set<string>, patch: Partial<MessageSummaryDto>) => {
    setState((prev) => {
      const items = new Map(prev.items);
      for (const [index, m] of items) if (ids.has(m.id)) items.set(index, { ...m, ...patch });
      return { ...prev, items };
    });
  }, []);

  const updateMessage = useCallback((id: string, patch: Partial<MessageSummaryDto>) => updateMessages(new Set([id]), patch), [updateMessages]);

  /**
   * Takes rows out at once; `all` empties the folder (a whole-folder action). The pages stay as
   * they are, with room at their ends: the caller fetches them again (`refresh`) once the server
   * has answered, as a page fetched before then could still hold the rows.
   */
  const removeMessages = useCallback((ids: Set<string>, all = false) => {
    setState((prev) => {
      if (all) return { ...prev, total: 0, items: new Map(), loaded: new Set(), resultSet: null };
      const items = new Map<number, MessageSummaryDto>();
      const gone = new Set(prev.gone);
      let shift = 0;
      for (const [index, m] of [...prev.items].sort((a, b) => a[0] - b[0])) {
        if (ids.has(m.id)) {
          shift++;
          gone.add(m.uid);
        } else items.set(index - shift, m);
      }
      return { ...prev, total: Math.max(0, (prev.total ?? 0) - shift), items, gone };
    });
  }, []);

  /**
   * Applies what changed in the folder (live events, a catch-up after a gap) to the rows in place:
   * no page is fetched again unless it has a hole. A changed UIDVALIDITY reloads the folder.
   */
  const applyChanges = useCallback((changes: FolderChangesDto) => {
    setState((prev) => {
      if (prev.folder !== changes.folder || prev.q) return prev;
      if (changes.reset || (prev.sync && prev.sync.uidValidity !== changes.sync.uidValidity)) return initialState(prev.folder, prev.q, null, prev.sort, prev.canSort);
      // Conversations: which row a change belongs to only the server can tell; the pages in view are fetched again.
      if (grouped) return { ...prev, loaded: new Set(), sync: changes.sync };
      // Rows merge by UID only in arrival order: in another, the rows in view are fetched again.
      if (prev.sort !== DEFAULT_SORT) return { ...prev, total: changes.total, loaded: new Set(), sync: changes.sync };
      const vanished = changes.vanished.filter((uid) => !prev.gone.has(uid));
      const { items } = mergeChanges(prev.items, { changed: changes.changed, vanished }, prev.sync?.uidNext ?? changes.sync.uidNext);
      const gone = new Set([...prev.gone, ...vanished]);
      return { ...prev, items, total: changes.total, loaded: completePages(items, changes.total, PAGE_SIZE), sync: changes.sync, gone };
    });
  }, [grouped]);

  /** A flag change heard from the server, for a row shown by UID. */
  const patchByUid = useCallback((folderPath: string, uid: number, patch: Partial<MessageSummaryDto>) => {
    setState((prev) => {
      if (prev.folder !== folderPath) return prev;
      const entry = [...prev.items].find(([, m]) => m.uid === uid);
      if (!entry) return prev;
      const items = new Map(prev.items).set(entry[0], { ...entry[1], ...patch });
      return { ...prev, items };
    });
  }, []);

  /**
   * Fetches the pages in view again (after an action, an undo, a rollback or a change elsewhere).
   * `restored`: UIDs of rows an action took out that the server refused to take: they may come back.
   */
  const refresh = useCallback((restored: readonly number[] = []) => {
    // An unknown total fetches the first page even when the list had been emptied.
    setState((prev) => ({ ...prev, total: prev.total === 0 ? null : prev.total, loaded: new Set(), error: null, gone: new Set([...prev.gone].filter((uid) => !restored.includes(uid))) }));
  }, []);

  const retry = useCallback(() => setState((prev) => initialState(folder, q, null, sort, prev.canSort)), [folder, q, sort]);

  const loadedMessages = useCallback(() => [...state.items].sort((a, b) => a[0] - b[0]).map(([, m]) => m), [state.items]);

  return {
    total: state.total,
    error: state.error,
    ensureRange,
    messageAt,
    loadedMessages,
    updateMessage,
    updateMessages,
    removeMessages,
    refresh,
    retry,
    resultSet: state.resultSet,
    folder: state.folder,
    searching: state.q !== '',
    canSort: state.canSort,
    sync: state.sync,
    applyChanges,
    patchByUid,
  };
}

/** What the list, the selection and the actions use: a folder's pages or all-folder results. */
export interface MessagePages {
  total: number | null;
  error: string | null;
  ensureRange: (first: number, last: number) => void;
  messageAt: (index: number) => MessageSummaryDto | undefined;
  loadedMessages: () => MessageSummaryDto[];
  updateMessage: (id: string, patch: Partial<MessageSummaryDto>) => void;
  updateMessages: (ids: Set<string>, patch: Partial<MessageSummaryDto>) => void;
  /** Takes rows out at once; `refresh` once the server has answered settles the pages. */
  removeMessages: (ids: Set<string>, all?: boolean) => void;
  /** Fetches the pages in view again; `restored`: UIDs of rows taken out that the server kept. */
  refresh: (restored?: readonly number[]) => void;
  retry: () => void;
  /** While searching: the whole result set the server pinned, for "select all N results". */
  resultSet: SearchResultSet | null;
}

/** A folder's pages, which also follow live changes. */
export type FolderPages = ReturnType<typeof useMessagePages>;

function initialState(folder: string, q: string, given: MessagePageDto | null, sort: SortOrder, canSort = given?.canSort ?? false): State {
  const items = new Map<number, MessageSummaryDto>();
  const loaded = new Set<number>();
  // The first paint's page is the folder itself in its order, never a search.
  const initial = given && given.folder === folder && (given.sort ?? DEFAULT_SORT) === sort ? given : null;
  if (!q && initial && initial.offset === 0) {
    initial.messages.forEach((m, i) => items.set(i, m));
    loaded.add(0);
  }
  const fromInitial = !q && initial;
  return { folder, q, sort, canSort, total: fromInitial ? initial.total : null, items, loaded, error: null, sync: fromInitial ? initial.sync : null, gone: new Set(), resultSet: null };
}
