'use client';

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
function explain(error: unknown): string | null {
  if (!(error instanceof ApiError)) return (error as Error).message;
  switch (error.code) {
    // Another request of this compose is being sent (a double click that got through).
    case 'conflict':
      return null;
    case 'send_unknown':
      return 'The message may have been sent: check the Sent folder before sending it again.';
    // The SMTP server refused the From (an identity it does not allow): the message names it.
    case 'smtp_sender_refused':
      return `${error.message} Your draft is kept: choose another From, or ask your mail administrator to allow this address.`;
    case 'network':
      return 'Wren could not be reached, so the message may or may not have gone: check the Sent folder before sending it again.';
    default:
      return error.message;
  }
}

/**
 * Send, exactly once per click: the first click disables the button before any await, and the
 * server sends a compose id at most once anyway. Nothing is ever resent on its own.
 */
export function useSend({ buildInput, check, stopSaving, resumeSaving, onSent }: Options) {
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
      onSent(result.queued ? 'You are offline: the message will be sent when the connection is back' : 'Message sent', result.warnings);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_sent') return onSent('This message was already sent', []);
      setError(explain(err));
      busy.current = false;
      setSending(false);
      resumeSaving();
    }
  }, [buildInput, check, stopSaving, resumeSaving, onSent]);

  return { send, sending, error, setError };
}
