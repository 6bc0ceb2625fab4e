'use client';

import { clientWords } from '@/lib/api-client';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Selection } from '@/lib/schemas';
import type { FolderDto, SearchResultSet } from '@/lib/types';
import type { Toast } from './Toasts';
import type { MessagePages } from '../list/use-message-pages';
import { lazyModule } from '../ui/use-lazy-module';

// What the actions do (mail-actions.ts) is fetched on first use, or on the first key or pointer
// press: the mail view's first download does without it.
const impl = lazyModule(() => import('./mail-actions'));
const preload = () => void impl.load().catch(() => undefined);
if (typeof window !== 'undefined') for (const type of ['pointerdown', 'keydown']) addEventListener(type, preload, { once: true, capture: true });

/** What an action applies to: some loaded messages, every message of the folder, or every result of a search. */
export interface Target {
  ids: string[];
  all: boolean;
  /** Every result of the search (loaded or not), pinned on the server: sent as its token. */
  results?: SearchResultSet;
}

/** POST /api/search/results/action's answer: an undo per folder the results went to. */
export interface ResultSetActionResult {
  count: number;
  undo: Array<{ undo: Selection; backTo: string }>;
  permanent: boolean;
  failed: Array<{ folder: string; message: string }>;
}

export interface ActionDeps {
  /** The folder shown; null while the list shows results from all folders. */
  folder: string | null;
  folders: FolderDto[] | null;
  pages: MessagePages;
  showToast: (toast: Omit<Toast, 'id'>) => void;
  refreshFolders: () => void;
  /** Called before rows leave the list, so selection and the open message can follow. */
  onRemoved: (target: Target) => void;
}

type Impl = typeof import('./mail-actions');
type Rest<F> = F extends (d: ActionDeps, ...rest: infer A) => infer R ? (...rest: A) => Promise<Awaited<R>> : never;
type Bound<K extends keyof Impl> = Rest<Impl[K]>;

/**
 * The organize actions for the mail view (archive, delete, junk, move, copy, flags, Empty),
 * each run by mail-actions.ts with the view's latest state.
 */
export function useMailActions(deps: ActionDeps) {
  const latest = useRef(deps);
  useEffect(() => {
    latest.current = deps;
  });
  const { folders, folder } = deps;
  const roleOf = useCallback((path: string | null) => folders?.find((f) => f.path === path)?.role ?? null, [folders]);
  const run = useMemo(() => {
    const call = (name: keyof Impl, args: unknown[]) =>
      impl.load().then(
        (m) => (m[name] as (d: ActionDeps, ...rest: unknown[]) => unknown)(latest.current, ...args),
        () => latest.current.showToast({ kind: 'error', text: clientWords.network }),
      );
    return {
      move: ((...a) => call('move', a)) as Bound<'move'>,
      copy: ((...a) => call('copy', a)) as Bound<'copy'>,
      archive: ((...a) => call('archive', a)) as Bound<'archive'>,
      remove: ((...a) => call('remove', a)) as Bound<'remove'>,
      junk: ((...a) => call('junk', a)) as Bound<'junk'>,
      setFlags: ((...a) => call('setFlags', a)) as Bound<'setFlags'>,
      emptyFolder: (() => call('emptyFolder', [])) as Bound<'emptyFolder'>,
      snooze: ((...a) => call('snooze', a)) as Bound<'snooze'>,
    };
  }, []);
  return useMemo(() => ({ role: roleOf(folder), roleOf, ...run }), [roleOf, folder, run]);
}

export type MailActions = ReturnType<typeof useMailActions>;
