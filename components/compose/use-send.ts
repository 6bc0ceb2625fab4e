'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useCallback, useRef, useState } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import type { ComposeInput, SendResultDto } from '@/lib/compose';

interface Options {
  buildInput: () => ComposeInput;
  /** Why the compose cannot be sent yet, checked before any request. */
  check: () => string | null;
  /** Stops autosaving and resolves with the draft to remove once sent. */
  stopSaving: () => Promise<string | undefined>;
  resumeSaving: () => void;
  onSent: (notice: string, warnings: string[]) => void;
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
export function useSend({ buildInput, check, stopSaving, resumeSaving, onSent }: Options) {
  const t = useTranslations('compose');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  const send = useCallback(async () => {
    if (busy.current) return;
    const problem = check();
    setError(problem);
    if (problem) return;
    busy.current = true;
    setSending(true);
    try {
      // A draft save in flight would otherwise leave its copy after the send removed the old one.
      const draftId = await stopSaving();
      const result = await apiRequest<SendResultDto>('/api/send', { method: 'POST', body: { ...buildInput(), draftId } });
      onSent(result.queued ? t('queued') : t('sent'), result.warnings);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_sent') return onSent(t('alreadySent'), []);
      setError(explain(err, t));
      busy.current = false;
      setSending(false);
      resumeSaving();
    }
  }, [buildInput, check, stopSaving, resumeSaving, onSent, t]);

  return { send, sending, error, setError };
}
