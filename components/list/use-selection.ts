'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import type { SearchResultSet } from '@/lib/types';
import type { Target } from '../mail/use-mail-actions';
import type { MessagePages } from './use-message-pages';

interface State {
  folder: string;
  ids: Set<string>;
  /** Every message of the folder, resolved on the server as "1:*", never listed here. */
  all: boolean;
  /** Every result of the search, pinned on the server (its token), never listed here. */
  results?: SearchResultSet | null;
}

/** Checkbox selection with shift-click ranges; a new folder or search (`folder` is the key) starts empty. */
export function useSelection(folder: string, pages: MessagePages) {
  const [state, setState] = useState<State>({ folder, ids: new Set(), all: false });
  const anchor = useRef<number | null>(null);
  const current = useMemo(() => (state.folder === folder ? state : { folder, ids: new Set<string>(), all: false }), [state, folder]);

  const toggle = useCallback(
    (id: string, index: number, range: boolean) => {
      // Read before setState: the updater runs later, after the anchor has moved on.
      const from0 = anchor.current;
      setState((prev) => {
        const base: State = prev.folder === folder ? prev : { folder, ids: new Set<string>(), all: false };
        // Unticking a row of "all results" leaves the loaded results selected but that one.
        const ids = base.results ? new Set(pages.loadedMessages().map((m) => m.id)) : new Set(base.ids);
        if (range && from0 !== null) {
          const [from, to] = from0 < index ? [from0, index] : [index, from0];
          for (let i = from; i <= to; i++) {
            const m = pages.messageAt(i);
            if (m) ids.add(m.id);
          }
        } else if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { folder, ids, all: false };
      });
      anchor.current = index;
    },
    [folder, pages],
  );

  const selectAll = useCallback(() => setState({ folder, ids: new Set(), all: true }), [folder]);
  /** Selects these rows by id: "all" of a search is its results, never the whole folder. */
  const selectIds = useCallback((ids: string[]) => setState({ folder, ids: new Set(ids), all: false }), [folder]);
  /** Selects every result of the search, also those not loaded: the set the server pinned. */
  const selectResults = useCallback((results: SearchResultSet) => setState({ folder, ids: new Set(), all: false, results }), [folder]);
  const clear = useCallback(() => {
    anchor.current = null;
    setState({ folder, ids: new Set(), all: false });
  }, [folder]);

  const results = current.results ?? null;
  const target: Target | null = results
    ? { ids: [], all: false, results }
    : current.all || current.ids.size
      ? { ids: [...current.ids], all: current.all }
      : null;
  const isSelected = useCallback((id: string) => current.all || !!current.results || current.ids.has(id), [current]);
  const count = results ? results.count : current.all ? (pages.total ?? 0) : current.ids.size;

  return { target, isSelected, toggle, selectAll, selectIds, selectResults, clear, count, all: current.all, results };
}

export type SelectionState = ReturnType<typeof useSelection>;
