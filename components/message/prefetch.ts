'use client';

import { apiRequest } from '@/lib/api-client';
import type { MessageDto } from '@/lib/types';
import { whenIdle } from '@/lib/when-idle';
import { messagePane } from './MessageView';
import type { MessageLoad } from './MessagePane';

/**
 * Messages fetched ahead of opening (#22), so that opening one paints at once: the row under the
 * keyboard cursor and the next two in reading order (MailApp says which), and the row the pointer
 * rests on. ahead.ts loads this module when the user first moves in the list; then what is
 * wanted is fetched once the list has been still SETTLE_MS and is idle, at most KEEP copies are
 * kept, and a fetch wanted no more is cancelled at once, in flight. The server sanitizes as for
 * an open and reads with BODY.PEEK; nothing here marks read or keeps a message offline: both
 * stay the open view's (MessageView), done when a copy is taken.
 */

/** Copies kept at most (those wanted now are never dropped). */
const KEEP = 6;
/** A copy older than this is fetched again: its flags may have changed. */
const MAX_AGE_MS = 60_000;
const SETTLE_MS = 100;

interface Ahead {
  message: Promise<MessageDto>;
  /** Cancels the fetch while it is in flight; gone once it answered. */
  abort?: () => void;
  at: number;
  /** The copy, once it has answered: read while rendering (peek). */
  value?: MessageDto;
}

/** The copies, oldest first. */
const ahead = new Map<string, Ahead>();
/** What is wanted now, read when the fetch runs (the open message may have changed since). */
let wanted: string[] = [];
let hovered = '';
let timer: ReturnType<typeof setTimeout> | undefined;

type Connection = { saveData?: boolean; effectiveType?: string };

/** False offline, with Save-Data on, or on a 2G-class connection: then nothing is fetched that was not asked for. */
export function worthFetchingAhead(nav: Navigator & { connection?: Connection } = navigator): boolean {
  const c = nav.connection;
  return nav.onLine && !c?.saveData && !/2g/.test(c?.effectiveType ?? '');
}

function drop(id: string) {
  ahead.get(id)?.abort?.();
  ahead.delete(id);
}

/** What is wanted now: `list` (the cursor's rows), the row `hover`ed (empty: the one before), never the `opened` one. */
export function want(list: string[], hover: string, opened: string | null) {
  hovered = hover || hovered;
  wanted = [hovered, ...list].filter((id) => id && id !== opened);
  // Moving on cancels at once what is in flight and wanted no more.
  for (const [id, a] of ahead) if (a.abort && !wanted.includes(id)) drop(id);
  clearTimeout(timer);
  timer = setTimeout(() => whenIdle(fetchAhead, 1_000), SETTLE_MS);
}

function fetchAhead() {
  const ids = wanted;
  if (!worthFetchingAhead()) return;
  // What shows a message comes with the first one, so the first open does not wait for it either.
  void messagePane.load().catch(() => undefined);
  for (const id of ids) {
    if (ahead.has(id)) continue;
    const controller = new AbortController();
    // method 'GET' said outright: apiRequest then does not hand the answer to the service worker,
    // which keeps what the user opened (take does, when a copy is opened).
    const entry: Ahead = {
      message: apiRequest<MessageDto>(`/api/messages/${encodeURIComponent(id)}`, { method: 'GET', signal: controller.signal }),
      abort: () => controller.abort(),
      at: Date.now(),
    };
    entry.message.then(
      (m) => {
        delete entry.abort;
        entry.value = m;
      },
      () => ahead.get(id) === entry && ahead.delete(id),
    );
    ahead.set(id, entry);
  }
  // Oldest first: drop what is stale, then what is over the bound, never what is wanted now.
  for (const [id, a] of ahead) if (!ids.includes(id) && (ahead.size > KEEP || Date.now() - a.at > MAX_AGE_MS)) drop(id);
}

/**
 * The fresh copy of message `id` if it has answered, shown with the list row's read state
 * (`seen`, newer): the first render of its open shows it (MessageView). Changes nothing: the
 * open takes it after (take).
 */
export function peek(id: string, seen?: boolean): MessageLoad | undefined {
  const a = ahead.get(id);
  const m = a && Date.now() - a.at <= MAX_AGE_MS ? a.value : undefined;
  return m && { id, message: { ...m, seen: seen ?? m.seen }, error: null };
}

/** Message `id` opens: its fresh copy (with the row's read state `seen`), if there is one, now the open view's (kept offline, as an opened message is). */
export function take(id: string | null, seen?: boolean): Promise<MessageDto> | null {
  wanted = wanted.filter((w) => w !== id);
  const a = id ? ahead.get(id) : undefined;
  if (!id || !a) return null;
  ahead.delete(id);
  if (Date.now() - a.at > MAX_AGE_MS) {
    a.abort?.();
    return null;
  }
  return a.message.then((message) => {
    // As apiRequest does for what the user opens: the service worker keeps it offline.
    navigator.serviceWorker?.controller?.postMessage({ wren: 'keep', path: `/api/messages/${encodeURIComponent(id)}`, data: message });
    return { ...message, seen: seen ?? message.seen };
  });
}
