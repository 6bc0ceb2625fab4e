'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo } from 'react';
import { mailUrl, parseMailUrl, type MailView } from '@/lib/mail-url';

/** What Wren keeps in history.state beside Next's own: the URL this entry was opened from. */
interface WrenHistoryState {
  wrenParent?: string;
}

const PHONE = '(max-width: 767px)';

function segmentsOf(pathname: string): string[] {
  return pathname.split('/').slice(2).filter(Boolean);
}

function here(): string {
  return `${window.location.pathname}${window.location.search}`;
}

function parentUrl(): string | undefined {
  return (window.history.state as WrenHistoryState | null)?.wrenParent;
}

function parseUrl(url: string): MailView {
  const parsed = new URL(url, window.location.origin);
  return parseMailUrl(segmentsOf(parsed.pathname), parsed.searchParams);
}

/**
 * The mail view's state is its URL. Views are opened with `go` (a new history entry, or in place
 * with `replace`) through the History API, which Next's router follows without asking the server
 * again; `leave` goes back when the view it returns to is the entry before this one, so Back and
 * the app's own back controls walk the same history. Each entry Wren adds remembers its parent.
 */
export function useMailUrl() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // The router's pathname keeps its segments percent-encoded, as the parser takes them.
  const view = useMemo(() => parseMailUrl(segmentsOf(pathname), new URLSearchParams(searchParams.toString())), [pathname, searchParams]);

  const go = useCallback((next: MailView, options: { replace?: boolean } = {}) => {
    const url = mailUrl(next);
    if (url === here()) return;
    if (options.replace) window.history.replaceState({ wrenParent: parentUrl() } satisfies WrenHistoryState, '', url);
    else window.history.pushState({ wrenParent: here() } satisfies WrenHistoryState, '', url);
  }, []);

  /** Back to a view `matches` accepts if this entry was opened from one, else on to `fallback`. */
  const leave = useCallback(
    (fallback: MailView, matches: (view: MailView) => boolean) => {
      const parent = parentUrl();
      if (parent && matches(parseUrl(parent))) window.history.back();
      else go(fallback);
    },
    [go],
  );

  // A phone walks back from a message to its list and from the list to the folders, also when
  // it came straight to a message from a link: that first visit lays the steps under it.
  useEffect(() => {
    if (parentUrl() !== undefined || !window.matchMedia(PHONE).matches) return;
    const start = parseUrl(here());
    const steps: MailView[] = [{ ...start, id: null, compose: null, folders: true }, { ...start, id: null, compose: null, folders: false }];
    if (start.id) steps.push({ ...start, compose: null, folders: false });
    if (start.compose) steps.push({ ...start, folders: false });
    const urls = [...new Set(steps.map(mailUrl))];
    if (urls.at(-1) !== mailUrl(start)) return;
    window.history.replaceState({ wrenParent: '' } satisfies WrenHistoryState, '', urls[0]);
    for (let i = 1; i < urls.length; i++) window.history.pushState({ wrenParent: urls[i - 1] } satisfies WrenHistoryState, '', urls[i]);
  }, []);

  return { view, go, leave };
}
