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

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let running: Promise<void> | null = null;
    let again = false;
    let retry: ReturnType<typeof setTimeout> | null = null;

    const catchUp = async () => {
      const { pages: current } = latest.current;
      const sync = current.sync;
      if (!sync || current.folder !== folder) return;
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
          // Offline or the server away: try again shortly (and at once when back online).
          .catch(() => void (retry = setTimeout(schedule, RETRY_MS)))
          .finally(() => {
            running = null;
            if (again) {
              again = false;
              schedule();
            }
          });
      }, CATCH_UP_DELAY_MS);
    };

    const source = new EventSource(`/api/events?folder=${encodeURIComponent(folder)}`);
    // EventSource reconnects by itself after a drop; whatever happened meanwhile is caught up
    // (the server also says `resync` when it cannot replay, but a stream that had no event yet
    // has no Last-Event-ID to replay from).
    let opened = false;
    source.onopen = () => {
      if (opened) schedule();
      opened = true;
    };
    source.onmessage = (message) => {
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
    window.addEventListener('online', schedule);
    return () => {
      source.close();
      window.removeEventListener('online', schedule);
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
    };
  }, [folder]);
}
