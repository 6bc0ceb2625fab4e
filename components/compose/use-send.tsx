'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import type { ComposeInput, SendResultDto } from '@/lib/compose';
import type { SendUndo } from './compose-request';

interface Options {
  buildInput: () => ComposeInput;
  /** Why the compose cannot be sent yet, checked before any request. */
  check: () => string | null;
  /** Stops autosaving and resolves with the draft to remove once sent. */
  stopSaving: () => Promise<string | undefined>;
  resumeSaving: () => void;
  onSent: (notice: ReactNode, warnings: string[], undo?: SendUndo) => void;
  /** The user's undo window for Send (seconds; 0: sent at once). */
  undoSendSeconds: number;
}

/** The undo toast's line: "Sending in 7 s", counting down. */
function SendCountdown({ until }: { until: number }) {
  const t = useTranslations('compose');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return <span data-testid="send-countdown">{t('sendingIn', { n: String(Math.max(0, Math.ceil((until - now) / 1000))) })}</span>;
}


/** What the user should read when a send failed; null when there is nothing to say. */
function explain(error: unknown, t: ReturnType<typeof useTranslations<'compose'>>): string | null {
  if (!(error instanceof ApiError)) return (error as Error).message;
  switch (error.code) {
    // Another request of this compose is being sent (a double click that got through).
    case 'conflict':
      return null;
    case 'send_unknown':
      return t('maybeSent');
    // The SMTP server refused the From (an identity it does not allow): the message names it.
    case 'smtp_sender_refused':
      return t('senderRefused', { reason: error.message });
    case 'network':
      return t('networkMaybeSent');
    default:
      return error.message;
  }
}

/**
 * Send, exactly once per click: the first click disables the button before any await, and the
 * server sends a compose id at most once anyway. Nothing is ever resent on its own.
 */
export function useSend({ buildInput, check, stopSaving, resumeSaving, onSent, undoSendSeconds }: Options) {
  const t = useTranslations('compose');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  /**
   * `at`: Send later. Otherwise with an undo window the message is queued on the server for that
   * long (the scheduler sends it even if the tab closes) and the toast offers Undo.
   */
  const send = useCallback(async (at?: number) => {
    if (busy.current) return;
    const problem = check();
    setError(problem);
    if (problem) return;
    busy.current = true;
    setSending(true);
    try {
      // A draft save in flight would otherwise leave its copy after the send removed the old one.
      const draftId = await stopSaving();
      const compose = { ...buildInput(), draftId };
      const hold = at === undefined && undoSendSeconds > 0 ? undoSendSeconds * 1000 : 0;
      if (at !== undefined || hold) {
        const sendAt = at ?? Date.now() + hold;
        const queued = await apiRequest<{ id: string }>('/api/scheduled', { method: 'POST', body: { compose, sendAt } }).catch((err: unknown) => {
          // Offline: Send goes to the browser's queue as it always did (no hold then).
          if (err instanceof ApiError && err.code === 'network' && at === undefined) return null;
          throw err;
        });
        if (queued && at !== undefined) {
          const time = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
          return onSent(t('scheduledFor', { time }), []);
        }
        if (queued) {
          const run: SendUndo['run'] = (compose, showToast) =>
            void apiRequest<{ draftId: string }>('/api/scheduled/cancel', { method: 'POST', body: { id: queued.id } }).then(
              (r) => compose({ kind: 'draft', id: r.draftId }),
              (e: Error) => showToast({ text: e.message, kind: 'error' }),
            );
          return onSent(<SendCountdown until={sendAt} />, [], { ms: hold, run });
        }
      }
      const result = await apiRequest<SendResultDto>('/api/send', { method: 'POST', body: compose });
      onSent(result.queued ? t('queued') : t('sent'), result.warnings);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_sent') return onSent(t('alreadySent'), []);
      setError(explain(err, t));
      busy.current = false;
      setSending(false);
      resumeSaving();
    }
  }, [buildInput, check, stopSaving, resumeSaving, onSent, t, undoSendSeconds]);

  return { send, sending, error, setError };
}
