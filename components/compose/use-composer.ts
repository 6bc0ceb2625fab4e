'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { composeToken, type ComposeIntent, type MailView } from '@/lib/mail-url';
import type { Toast } from '../mail/Toasts';
import type { ClosedComposer, ComposeRequest } from './compose-request';

// What parseMailto (lib/mailto.ts) takes for a mailto: URL.
const MAILTO = /^\s*mailto:/i;

interface Deps {
  showToast: (toast: Omit<Toast, 'id'>) => void;
  refreshFolders: () => void;
  /** Fetches the shown list again (a sent message in Sent, a draft in Drafts, an answered flag). */
  refreshList: () => void;
  viewingDrafts: boolean;
  /** The mail view's URL state (use-mail-url.ts): the open compose is its `compose`. */
  view: MailView;
  go: (view: MailView, options?: { replace?: boolean }) => void;
  leave: (fallback: MailView, matches: (view: MailView) => boolean) => void;
}

interface Open {
  key: number;
  request: ComposeRequest;
  /** The URL's compose token this composer answers to. */
  token: string;
}

/**
 * The one open compose of the mail view, which is in the URL (`?compose=`): a reload or a copied
 * link opens it again, Back closes it, and once the composer has saved a draft the URL names that
 * draft, so a reload brings back what was typed. Opening another replaces it; the one replaced
 * keeps what was typed in Drafts (it saves as it goes away).
 */
export function useComposer({ showToast, refreshFolders, refreshList, viewingDrafts, view, go, leave }: Deps) {
  const [open, setOpen] = useState<Open | null>(null);
  const nextKey = useRef(1);
  // A mailto: link's text stays in memory: it is not the URL's business.
  const pendingMailto = useRef<string | undefined>(undefined);
  const token = view.compose ? composeToken(view.compose) : null;

  // The URL decides: a new token opens a composer, none closes it.
  useEffect(() => {
    setOpen((current) => {
      if (!view.compose || !token) return null;
      if (current?.token === token) return current;
      const mailto = pendingMailto.current;
      pendingMailto.current = undefined;
      const request: ComposeRequest = view.compose.kind === 'new' ? { kind: 'new', mailto } : view.compose;
      return { key: nextKey.current++, request, token };
    });
  }, [token, view.compose]);

  const compose = useCallback(
    (request: ComposeRequest) => {
      pendingMailto.current = request.kind === 'new' ? request.mailto : undefined;
      const intent: ComposeIntent = request.kind === 'new' ? { kind: 'new' } : request;
      // Asked again for what is open already (a second click on Compose): a fresh one.
      if (token === composeToken(intent)) setOpen(null);
      go({ ...view, compose: intent, folders: false });
    },
    [go, view, token],
  );

  /**
   * A mailto: link clicked in a message; other links are not ours to handle. The composer reads
   * the link (lib/mailto.ts and the address parser stay out of the mail view's first download).
   */
  const composeMailto = useCallback(
    (href: string) => {
      if (MAILTO.test(href)) compose({ kind: 'new', mailto: href });
    },
    [compose],
  );

  const onDraftSaved = useCallback(
    (draftId: string) => {
      if (viewingDrafts) refreshList();
      // From now on the URL names the draft: a reload opens it with what was typed.
      const saved = composeToken({ kind: 'draft', id: draftId });
      setOpen((current) => (current ? { ...current, token: saved } : current));
      if (view.compose) go({ ...view, compose: { kind: 'draft', id: draftId } }, { replace: true });
    },
    [viewingDrafts, refreshList, go, view],
  );

  const onClose = useCallback(
    (closed: ClosedComposer) => {
      setOpen(null);
      const without = { ...view, compose: null };
      leave(without, (v) => !v.compose && v.folder === view.folder && v.id === view.id);
      closed.report({ showToast, refreshFolders, refreshList, viewingDrafts, compose });
    },
    [showToast, refreshFolders, refreshList, viewingDrafts, view, leave, compose],
  );

  return { open, compose, composeMailto, onClose, onDraftSaved };
}
