'use client';

import { useEffect, useRef } from 'react';
import { apiRequest } from '@/lib/api-client';
import type { FolderChangesDto, LiveEventDto } from '@/lib/types';
import type { FolderPages } from '../list/use-message-pages';

export type FolderCounts = Extract<LiveEventDto, { type: 'folders' }>['folders'];

interface Options {
  pages: FolderPages;
  onFolderCounts: (counts: FolderCounts) => void;
}

/** Catch-ups wait this long for more events, so a burst costs one request. */
const CATCH_UP_DELAY_MS = 100;
const RETRY_MS = 2000;

/**
 * Follows the open folder live: one event stream (GET /api/events) per tab, each hearing its own
 * folder (the server watches every tab's folder: server/imap/watch.ts). Flag changes apply at
 * once by UID; new and removed messages, a `changed` folder (the server said only that it
 * changed), and any gap (a reconnect, a sleep, a restart of Wren or of the mail server), are
 * caught up with /api/messages/changes from the rows' sync point: only what changed is fetched.
 */
export function useLiveUpdates({ pages, onFolderCounts }: Options) {
  const latest = useRef({ pages, onFolderCounts });
  useEffect(() => {
    latest.current = { pages, onFolderCounts };
  });
  const folder = pages.folder;
  // An event heard while the list was loading: its answer may be older than the event (a load
  // that found the folder deleted, landing after the folder was made again elsewhere and its new
  // mail announced), so the catch-up runs once more when the load has landed.
  const heardWhileLoading = useRef(false);
  const scheduleCatchUp = useRef<() => void>(() => undefined);

  useEffect(() => {
    heardWhileLoading.current = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let running: Promise<void> | null = null;
    let again = false;
    let retry: ReturnType<typeof setTimeout> | null = null;

    const catchUp = async () => {
      const { pages: current } = latest.current;
      const sync = current.sync;
      if (current.folder !== folder) return;
      // No rows to catch up from: a list that failed (the folder deleted elsewhere, then heard of
      // again: made again) loads from the start; a search waits; a list still loading is caught
      // up once it has landed (heardWhileLoading).
      if (!sync) {
        if (current.searching) return;
        if (current.error) return current.retry();
        heardWhileLoading.current = true;
        return;
      }
      if (!sync.highestModseq) return current.refresh();
      const changes = await apiRequest<FolderChangesDto>(
        `/api/messages/changes?folder=${encodeURIComponent(folder)}&uidValidity=${sync.uidValidity}&modseq=${sync.highestModseq}`,
      );
      latest.current.pages.applyChanges(changes);
    };
    // One catch-up at a time; events during it ask for one more after it.
    const schedule = () => {
      if (running) {
        again = true;
        return;
      }
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        running = catchUp()
          // The folder is gone (deleted elsewhere): the list says so. Offline or the server
          // away: try again shortly (and at once when back online).
          .catch((e: { status?: number }) => void (e.status === 404 ? latest.current.pages.retry() : (retry = setTimeout(schedule, RETRY_MS))))
          .finally(() => {
            running = null;
            if (again) {
              again = false;
              schedule();
            }
          });
      }, CATCH_UP_DELAY_MS);
    };

    // EventSource reconnects by itself after a drop, and after a stream the server ended on
    // purpose (a restart: a last `reconnect` event and a short `retry:`), to whichever Wren
    // process answers; whatever happened meanwhile is caught up (the server also says `resync`
    // when it cannot replay, but a stream that had no event yet has no Last-Event-ID to replay
    // from). A reconnect answered with an HTTP error (a proxy's 502 while Wren restarts, a
    // stopping process's 503) closes an EventSource for good: a new one is opened after a pause
    // that grows to 10 s.
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let opened = false;
    const onMessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as LiveEventDto;
      const { pages: current, onFolderCounts: counts } = latest.current;
      if (event.type === 'folders') return counts(event.folders);
      if (event.type === 'resync') return schedule();
      if (event.folder !== folder) return;
      if (event.type === 'flags' && event.uid !== null) {
        current.patchByUid(folder, event.uid, { seen: event.seen, flagged: event.flagged, answered: event.answered });
      } else {
        schedule();
      }
    };
    const open = () => {
      reopen = null;
      const current = new EventSource(`/api/events?folder=${encodeURIComponent(folder)}`);
      source = current;
      current.onopen = () => {
        failures = 0;
        if (opened) schedule();
        opened = true;
      };
      current.onmessage = onMessage;
      current.onerror = () => {
        if (current.readyState !== EventSource.CLOSED || source !== current) return;
        failures++;
        reopen = setTimeout(open, Math.min(10_000, 500 * 2 ** (failures - 1)) * (0.5 + Math.random()));
      };
    };
    scheduleCatchUp.current = schedule;
    open();
    addEventListener('online', schedule);
    return () => {
      source?.close();
      if (reopen) clearTimeout(reopen);
      removeEventListener('online', schedule);
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
    };
  }, [folder]);

  const { sync, error } = pages;
  useEffect(() => {
    // Landed: rows to catch up from, or a failure to load again from.
    if ((sync === null && error === null) || !heardWhileLoading.current) return;
    heardWhileLoading.current = false;
    scheduleCatchUp.current();
  }, [sync, error]);
}
