'use client';

import { translator } from '@/lib/i18n/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { apiStream } from '@/lib/api-stream';
import { SEARCH_ALL_LIMIT } from '@/lib/limits';
import type { SearchResume } from '@/lib/schemas';
import type { MessageSummaryDto, SearchEventDto, SearchResultSet } from '@/lib/types';

interface State {
  /** The search (query and generation) this state belongs to. */
  key: string;
  /** Every result received, newest first across folders. */
  merged: MessageSummaryDto[];
  /** Where each folder with more matches than sent continues. */
  resumes: SearchResume[];
  /** How many rows are shown: SEARCH_ALL_LIMIT, and as many more per "show more". */
  shown: number;
  running: boolean;
  error: string | null;
  /** Matches per folder of the first run: every result, also those not sent. */
  matches: Array<{ folder: string; count: number }>;
  /** The server's token for the whole result set, from the first run's last line. */
  token: string | null;
}

const newestFirst = (a: MessageSummaryDto, b: MessageSummaryDto) => b.date.localeCompare(a.date) || b.uid - a.uid;

function initialState(key: string, q: string): State {
  return { key, merged: [], resumes: [], shown: SEARCH_ALL_LIMIT, running: q !== '', error: null, matches: [], token: null };
}

/**
 * A search across all folders: results arrive folder by folder and are shown at once, newest
 * first, each with its folder; at most SEARCH_ALL_LIMIT until "show more". Starting another
 * search (or leaving) aborts the request, which cancels the server's work too, and an answer of
 * a search no longer shown is dropped. Offers the same surface as useMessagePages, so the list,
 * selection and actions work on results as on a folder.
 */
export function useAllFolderSearch(q: string, shared = false) {
  const [generation, setGeneration] = useState(0);
  const key = `${generation}\u0000${shared}\u0000${q}`;
  const [stored, setState] = useState<State>(() => initialState(key, q));
  // A new query (or a refresh) starts from nothing, without a render of the old rows.
  const state = stored.key === key ? stored : initialState(key, q);
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(
    async (after: SearchResume[] | null, signal: AbortSignal) => {
      const path = `/api/search?q=${encodeURIComponent(q)}${shared ? '&shared=1' : ''}${after ? `&after=${encodeURIComponent(JSON.stringify(after))}` : ''}`;
      // Only updates for this search: a cancelled one must never show a row.
      const update = (fn: (prev: State) => State) =>
        setState((prev) => (signal.aborted ? prev : fn(prev.key === key ? prev : initialState(key, q))));
      try {
        for await (const event of apiStream<SearchEventDto>(path, { signal })) {
          if (event.type === 'folder') {
            update((prev) => ({
              ...prev,
              merged: [...prev.merged, ...event.messages].sort(newestFirst),
              resumes: [...prev.resumes.filter((r) => r.folder !== event.folder), ...(event.resume ? [{ folder: event.folder, ...event.resume }] : [])],
              // "Show more" only sends more rows of the matches counted the first time.
              matches: after ? prev.matches : [...prev.matches, { folder: event.folder, count: event.matches }],
            }));
          } else if (event.type === 'error') {
            update((prev) => ({ ...prev, running: false, error: event.error.message }));
          } else {
            update((prev) => ({ ...prev, running: false, token: after ? prev.token : (event.resultSet ?? null) }));
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        update((prev) => ({ ...prev, running: false, error: error instanceof ApiError ? error.message : translator('mail.search')('failed') }));
      }
    },
    [q, key, shared],
  );

  useEffect(() => {
    controller.current?.abort();
    if (!q) return;
    const own = new AbortController();
    controller.current = own;
    void run(null, own.signal);
    return () => own.abort();
  }, [q, run]);

  const showMore = useCallback(() => {
    const resumes = state.resumes;
    setState((prev) => {
      const base = prev.key === key ? prev : state;
      return { ...base, shown: base.shown + SEARCH_ALL_LIMIT, resumes: [], running: resumes.length > 0 };
    });
    if (!resumes.length) return;
    const own = new AbortController();
    controller.current = own;
    void run(resumes, own.signal);
  }, [state, key, run]);

  const rows = useMemo(() => (state.merged.length > state.shown ? state.merged.slice(0, state.shown) : state.merged), [state.merged, state.shown]);

  const resultSet = useMemo<SearchResultSet | null>(
    () => (state.token && !state.running ? { token: state.token, count: state.matches.reduce((sum, f) => sum + f.count, 0), folders: state.matches } : null),
    [state.token, state.running, state.matches],
  );

  const updateMessages = useCallback((ids: Set<string>, patch: Partial<MessageSummaryDto>) => {
    setState((prev) => ({ ...prev, merged: prev.merged.map((m) => (ids.has(m.id) ? { ...m, ...patch } : m)) }));
  }, []);

  const removeMessages = useCallback((ids: Set<string>) => {
    setState((prev) => ({ ...prev, merged: prev.merged.filter((m) => !ids.has(m.id)) }));
  }, []);
  const updateMessage = useCallback((id: string, patch: Partial<MessageSummaryDto>) => updateMessages(new Set([id]), patch), [updateMessages]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const ensureRange = useCallback(() => undefined, []);
  const messageAt = useCallback((index: number): MessageSummaryDto | undefined => rows[index], [rows]);
  const loadedMessages = useCallback(() => rows, [rows]);
  const total = state.running && !state.merged.length ? null : rows.length;
  const hasMore = state.merged.length > state.shown || state.resumes.length > 0;
  // One object while nothing changes: the mail view holds it in its state (AllFolderSearchHost.tsx).
  return useMemo(
    () => ({
      total,
      error: state.error,
      running: state.running,
      hasMore,
      showMore,
      ensureRange,
      messageAt,
      loadedMessages,
      updateMessages,
      resultSet,
      updateMessage,
      removeMessages,
      /** Searches again (after an undo or a refused action). */
      refresh,
      retry: refresh,
    }),
    [total, state.error, state.running, hasMore, showMore, ensureRange, messageAt, loadedMessages, updateMessages, resultSet, updateMessage, removeMessages, refresh],
  );
}

export type AllFolderResults = ReturnType<typeof useAllFolderSearch>;
