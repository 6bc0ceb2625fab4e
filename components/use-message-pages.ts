'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import type { MessagePageDto, MessageSummaryDto } from '@/lib/types';

export const PAGE_SIZE = 50;

interface State {
  folder: string;
  total: number | null;
  pages: Map<number, MessageSummaryDto[]>;
  error: string | null;
}

/**
 * Windows of a folder's message list, fetched page by page as the list scrolls to them:
 * never the whole folder.
 */
export function useMessagePages(folder: string, initial: MessagePageDto | null) {
  const [state, setState] = useState<State>(() => initialState(folder, initial));
  const inFlight = useRef(new Set<string>());

  useEffect(() => {
    // A new folder starts empty; the initial page only belongs to the folder it came from.
    setState((prev) => (prev.folder === folder ? prev : initialState(folder, initial?.folder === folder ? initial : null)));
  }, [folder, initial]);

  const loadPage = useCallback(
    async (page: number) => {
      const key = `${folder}\u0000${page}`;
      if (inFlight.current.has(key)) return;
      inFlight.current.add(key);
      try {
        const data = await apiRequest<MessagePageDto>(
          `/api/messages?folder=${encodeURIComponent(folder)}&offset=${page * PAGE_SIZE}&limit=${PAGE_SIZE}`,
        );
        setState((prev) => {
          if (prev.folder !== folder) return prev;
          const pages = new Map(prev.pages);
          pages.set(page, data.messages);
          return { ...prev, total: data.total, pages, error: null };
        });
      } catch (error) {
        setState((prev) => (prev.folder === folder ? { ...prev, error: (error as Error).message } : prev));
      } finally {
        inFlight.current.delete(key);
      }
    },
    [folder],
  );

  useEffect(() => {
    if (state.folder === folder && state.total === null && !state.error) void loadPage(0);
  }, [folder, state.folder, state.total, state.error, loadPage]);

  const ensureRange = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!state.pages.has(page)) void loadPage(page);
      }
    },
    [state.pages, loadPage],
  );

  const messageAt = useCallback(
    (index: number): MessageSummaryDto | undefined => state.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [state.pages],
  );

  const updateMessage = useCallback((id: string, patch: Partial<MessageSummaryDto>) => {
    setState((prev) => {
      const pages = new Map(prev.pages);
      for (const [page, messages] of pages) {
        if (messages.some((m) => m.id === id)) pages.set(page, messages.map((m) => (m.id === id ? { ...m, ...patch } : m)));
      }
      return { ...prev, pages };
    });
  }, []);

  const retry = useCallback(() => setState(initialState(folder, null)), [folder]);

  return { total: state.total, error: state.error, ensureRange, messageAt, updateMessage, retry };
}

function initialState(folder: string, initial: MessagePageDto | null): State {
  const pages = new Map<number, MessageSummaryDto[]>();
  if (initial && initial.folder === folder && initial.offset === 0) pages.set(0, initial.messages);
  return { folder, total: initial && initial.folder === folder ? initial.total : null, pages, error: null };
}
