'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useCallback, useRef } from 'react';
import { useFocusReturn } from '../ui/use-focus-return';
import { composeTitle, type ClosedComposer, type ComposeOutcome, type ComposeRequest } from './compose-request';
import { closedWith } from './outcome';
import { ComposeForm } from './ComposeForm';
import { useComposeStart } from './use-compose-start';

// For the browser tests: this module (and the editor with it) loads only when a compose opens.
(globalThis as { __WREN_COMPOSER_LOADED__?: boolean }).__WREN_COMPOSER_LOADED__ = true;

interface Props {
  request: ComposeRequest;
  onClose: (closed: ClosedComposer) => void;
  /** A draft was stored (the Drafts list may show it). */
  onDraftSaved: (draftId: string) => void;
}

const FRAME =
  'fixed inset-0 z-40 flex flex-col bg-white md:inset-auto md:right-6 md:bottom-0 md:h-[min(40rem,calc(100dvh-2rem))] md:w-[38rem] md:rounded-t-xl md:border md:border-slate-300 md:shadow-2xl';

/**
 * The composer: over the mail view at the bottom right on a desktop, the whole screen on a
 * phone. Not modal: the mail stays usable beside it.
 */
export function Composer({ request, onClose: close, onDraftSaved }: Props) {
  const start = useComposeStart(request);
  const loaded = start && 'config' in start ? start : null;
  const t = useTranslations('compose');
  const onClose = useCallback((outcome: ComposeOutcome) => close(closedWith(outcome, t)), [close, t]);
  const title = t(composeTitle(request.kind === 'reply' ? request.mode : loaded?.initial.original?.mode));
  const closeUnsaved = useCallback(() => onClose({ kind: 'closed', savedDraft: false }), [onClose]);
  // Closed or sent: focus goes back to where the composer was opened from.
  const frame = useRef<HTMLElement>(null);
  useFocusReturn(frame);
  return (
    <section ref={frame} role="dialog" aria-label={title} data-composer="" className={FRAME}>
      {loaded ? (
        <ComposeForm title={title} config={loaded.config} initial={loaded.initial} onClose={onClose} onDraftSaved={onDraftSaved} />
      ) : (
        <>
          <header className="flex items-center gap-2 bg-slate-800 px-4 py-2 text-sm text-white md:rounded-t-xl">
            <h2 className="flex-1 font-semibold">{title}</h2>
            <button type="button" aria-label={t('close')} onClick={closeUnsaved} className="rounded px-2 text-lg leading-none hover:bg-slate-700">
              ×
            </button>
          </header>
          {start && 'error' in start ? (
            <p role="alert" className="m-4 rounded bg-red-50 p-3 text-sm text-red-700">
              {start.error}
            </p>
          ) : (
            <p className="m-4 text-sm text-slate-500">{t('loading')}</p>
          )}
        </>
      )}
    </section>
  );
}
