'use client';

import { translator } from '@/lib/i18n/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import type { Settings } from '@/lib/schemas';
import { applyTheme } from '@/lib/theme';
import type { SettingsDto } from '@/lib/types';

export interface SettingsState {
  /** The settings as stored, null until they are read. */
  dto: SettingsDto | null;
  /** Why they could not be read or saved, in words for the user. */
  error: string | null;
  saving: boolean;
  /** Whether the last save went through (cleared by the next change). */
  saved: boolean;
  /** Replaces the stored settings with `next`; true once the server has them. */
  save: (next: Settings) => Promise<boolean>;
  /** Reads them again (after an error). */
  reload: () => void;
}

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : translator('settings.notifications')('failed'));

/**
 * The user's settings on the settings page: read from `/api/settings` (unless the page came with
 * them), saved whole by PUT. Saves run one at a time, in order: a second save waits for the
 * first, so the server ends with the last one.
 */
export function useSettings(initial: SettingsDto | null): SettingsState {
  const [dto, setDto] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const read = useCallback(() => {
    apiRequest<SettingsDto>('/api/settings').then(
      (stored) => {
        setDto(stored);
        setError(null);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);

  useEffect(() => {
    if (!initial) read();
  }, [initial, read]);

  const save = useCallback((next: Settings) => {
    setSaving(true);
    setSaved(false);
    setError(null);
    const run = queue.current.then(() =>
      apiRequest<SettingsDto>('/api/settings', { method: 'PUT', body: next }).then(
        (stored) => {
          setDto(stored);
          setSaved(true);
          // Light or dark as just saved, on this page at once (the next pages render it themselves).
          applyTheme(stored.settings.ui.theme);
          return true;
        },
        (e: unknown) => {
          setError(messageOf(e));
          return false;
        },
      ),
    );
    queue.current = run;
    void run.finally(() => {
      if (queue.current === run) setSaving(false);
    });
    return run;
  }, []);

  return { dto, error, saving, saved, save, reload: read };
}
