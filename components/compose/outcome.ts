import type { ClosedComposer, ComposeOutcome, OutcomeDeps } from './compose-request';

type Words = (key: 'draftDiscarded' | 'draftSaved') => string;

/**
 * How a composer ended, told to the user: the sent notice (with Undo send while the message is
 * held), the send's warnings, a discarded or saved draft; and the folders and list fetched again
 * where they changed. In the composer's chunk: the mail view calls it through ClosedComposer.
 */
export function closedWith(outcome: ComposeOutcome, t: Words): ClosedComposer {
  return {
    report({ showToast, refreshFolders, refreshList, viewingDrafts, compose }: OutcomeDeps) {
      if (outcome.kind === 'sent') {
        const { undo } = outcome;
        // Undo send: the message goes back to Drafts and opens in the composer again.
        showToast({ text: outcome.notice, kind: 'info', ms: undo?.ms, undo: undo && (() => undo.run(compose, showToast)) });
        for (const warning of outcome.warnings) showToast({ text: warning, kind: 'error' });
        refreshFolders();
        refreshList();
        return;
      }
      if (outcome.kind === 'discarded') showToast({ text: t('draftDiscarded'), kind: 'info' });
      else if (outcome.savedDraft) showToast({ text: t('draftSaved'), kind: 'info' });
      if (viewingDrafts) refreshList();
    },
  };
}
