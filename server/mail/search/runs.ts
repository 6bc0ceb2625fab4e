import 'server-only';
import { processGlobal } from '../../process-global';

/**
 * The search each session is running. A new search with another key (another query, folder
 * or scope) cancels the one before: its IMAP work stops (the search lane's connection is
 * closed, see server/imap/pool.ts) and its results are never sent. Requests with the same key (pages of
 * one search) share the run.
 */

interface Run {
  key: string;
  controller: AbortController;
  users: number;
}

const runs = () => processGlobal('searchRuns', () => new Map<string, Run>());

export interface SearchRun {
  /** Aborted when a newer search replaces this one or the request's client goes away. */
  signal: AbortSignal;
  /** Must be called when the request is over. */
  end: () => void;
}

export function beginSearch(sessionId: string, key: string, requestSignal?: AbortSignal): SearchRun {
  const all = runs();
  let run = all.get(sessionId);
  if (run && (run.key !== key || run.controller.signal.aborted)) {
    run.controller.abort();
    run = undefined;
  }
  if (!run) {
    run = { key, controller: new AbortController(), users: 0 };
    all.set(sessionId, run);
  }
  run.users++;
  const current = run;
  let ended = false;
  return {
    signal: requestSignal ? AbortSignal.any([current.controller.signal, requestSignal]) : current.controller.signal,
    end: () => {
      if (ended) return;
      ended = true;
      current.users--;
      if (current.users === 0 && all.get(sessionId) === current) all.delete(sessionId);
    },
  };
}
