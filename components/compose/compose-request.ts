import type { ReactNode } from 'react';
/** What a composer opens with. Types only: importing this never loads the composer's code. */
export type ComposeRequest =
  /** `mailto`: a mailto: link clicked in a message, read by the composer (lib/mailto.ts). */
  | { kind: 'new'; mailto?: string }
  | { kind: 'reply'; id: string; mode: 'reply' | 'all' | 'forward' }
  | { kind: 'draft'; id: string };

/** How the composer ended, for the mail view's toasts and refreshes. */
/** What the mail view gives a closed composer to report its outcome with (use-composer.ts). */
export interface OutcomeDeps {
  showToast: (toast: { text: ReactNode; kind: 'info' | 'error'; ms?: number; undo?: () => void }) => void;
  refreshFolders: () => void;
  /** Fetches the shown list again (a sent message in Sent, a draft in Drafts, an answered flag). */
  refreshList: () => void;
  viewingDrafts: boolean;
  compose: (request: ComposeRequest) => void;
}

/**
 * A composer closed: `report` tells the user how it ended (toasts, Undo send) and refreshes what
 * changed. Its code is the composer's (outcome.ts), so it stays out of the mail view's first download.
 */
export interface ClosedComposer {
  report: (deps: OutcomeDeps) => void;
}

export type ComposeOutcome =
  | { kind: 'closed'; savedDraft: boolean }
  | { kind: 'discarded' }
  | { kind: 'sent'; notice: ReactNode; warnings: string[]; undo?: SendUndo };

/** Send's hold (the user's undo window): how long, and taking it back (the draft opens in the composer again). */
export interface SendUndo {
  ms: number;
  run: (compose: (request: ComposeRequest) => void, showToast: (toast: { text: string; kind: 'error' }) => void) => void;
}

/** The composer's title: the key of its words in the `compose` messages. */
export function composeTitle(mode: 'reply' | 'all' | 'forward' | undefined): 'titleForward' | 'titleReply' | 'titleNew' {
  if (mode === 'forward') return 'titleForward';
  return mode ? 'titleReply' : 'titleNew';
}
