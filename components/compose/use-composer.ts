'use client';

import { useCallback, useRef, useState } from 'react';
import type { Toast } from '../mail/Toasts';
import type { ComposeOutcome, ComposeRequest } from './compose-request';

// What parseMailto (lib/mailto.ts) takes for a mailto: URL.
const MAILTO = /^\s*mailto:/i;

interface Deps {
  showToast: (toast: Omit<Toast, 'id'>) => void;
  refreshFolders: () => void;
  /** Fetches the shown list again (a sent message in Sent, a draft in Drafts, an answered flag). */
  refreshList: () => void;
  viewingDrafts: boolean;
}

/**
 * The one open compose of the mail view. Opening another replaces it; the one replaced keeps
 * what was typed in Drafts (it saves as it goes away).
 */
export function useComposer({ showToast, refreshFolders, refreshList, viewingDrafts }: Deps) {
  const [open, setOpen] = useState<{ key: number; request: ComposeRequest } | null>(null);
  const nextKey = useRef(1);

  const compose = useCallback((request: ComposeRequest) => setOpen({ key: nextKey.current++, request }), []);

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

  const onDraftSaved = useCallback(() => {
    if (viewingDrafts) refreshList();
  }, [viewingDrafts, refreshList]);

  const onClose = useCallback(
    (outcome: ComposeOutcome) => {
      setOpen(null);
      if (outcome.kind === 'sent') {
        showToast({ text: outcome.notice, kind: 'info' });
        for (const warning of outcome.warnings) showToast({ text: warning, kind: 'error' });
        refreshFolders();
        refreshList();
        return;
      }
      if (outcome.kind === 'discarded') showToast({ text: 'Draft discarded', kind: 'info' });
      else if (outcome.savedDraft) showToast({ text: 'Draft saved', kind: 'info' });
      if (viewingDrafts) refreshList();
    },
    [showToast, refreshFolders, refreshList, viewingDrafts],
  );

  return { open, compose, composeMailto, onClose, onDraftSaved };
}
