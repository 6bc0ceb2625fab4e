'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { mailUrl, parseMailUrl, type MailView } from '@/lib/mail-url';

/** What Wren keeps in history.state beside Next's own: the URL this entry was opened from. */
interface WrenHistoryState {
  wrenParent?: string;
}

function segmentsOf(pathname: string): string[] {
  return pathname.split('/').slice(2).filter(Boolean);
}

function here(): string {
  return `${location.pathname}${location.search}`;
}

function parentUrl(): string | undefined {
  return (history.state as WrenHistoryState | null)?.wrenParent;
}

function parseUrl(url: string): MailView {
  const parsed = new URL(url, location.origin);
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
  const routed = useMemo(() => parseMailUrl(segmentsOf(pathname), searchParams), [pathname, searchParams]);
  // The view `go` opened, shown in the render of the click or key that opened it (#22: the
  // message paints in the frame after the click). The router follows the History API in a
  // transition, a render and a frame later; once its URL moves (to that view, or Back elsewhere)
  // the router's view is the one shown again: reset during the render that sees it move, so no
  // frame shows the view opened ahead after that.
  const [opened, setOpened] = useState<{ routed: MailView; ahead: MailView | null }>({ routed, ahead: null });
  if (opened.routed !== routed) setOpened({ routed, ahead: null });
  const view = (opened.routed === routed && opened.ahead) || routed;
  // Back or Forward before the router caught up may leave it where it was: the history's entry decides.
  useEffect(() => {
    const drop = () => setOpened((o) => (o.ahead ? { ...o, ahead: null } : o));
    addEventListener('popstate', drop);
    return () => removeEventListener('popstate', drop);
  }, []);

  const go = useCallback(function go(next: MailView, options?: { replace?: boolean }) {
    // Next's router follows the History API once its effect has hooked it, after hydration. A
    // click React replays while it hydrates would push a URL the view never follows (the address
    // bar moves, the screen does not): it waits for the hook. The browser's own pushState takes
    // two arguments, Next's hook three (data, unused, url): the shortest test the mail view's
    // JavaScript budget allows (urls.spec.ts fails if it stops telling them apart).
    if (history.pushState.length < 3) return setTimeout(go, 9, next, options);
    const url = mailUrl(next);
    if (url === here()) return;
    if (options?.replace) history.replaceState({ wrenParent: parentUrl() } satisfies WrenHistoryState, '', url);
    else history.pushState({ wrenParent: here() } satisfies WrenHistoryState, '', url);
    const ahead = parseUrl(url);
    setOpened((o) => ({ ...o, ahead }));
  }, []);

  /**
   * Up to `fallback`: back in history if this entry was opened from a view `matches` accepts,
   * else in place (a message reached straight from a link goes up to its list, and Back from
   * there leaves as it would have from the message). No entries are laid under a page that was
   * opened from a link: browsers skip entries pushed without a user's gesture when going back.
   */
  const leave = useCallback(
    (fallback: MailView, matches: (view: MailView) => boolean) => {
      const parent = parentUrl();
      if (parent && matches(parseUrl(parent))) history.back();
      else go(fallback, { replace: true });
    },
    [go],
  );

  return { view, go, leave };
}
