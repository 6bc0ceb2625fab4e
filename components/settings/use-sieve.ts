'use client';

import { translator } from '@/lib/i18n/client';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import type { SieveStateDto, SieveUnavailableDto } from '@/lib/types';

/** What a Sieve-backed section knows: loading, no ManageSieve (and why), or the server's state and its data. */
export type SieveLoad<T> =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'unavailable'; reason: string }
  /** `version` counts the server's answers: a form keyed by it starts again from what was stored. */
  | { kind: 'ready'; state: SieveStateDto; data: T; version: number };

export interface SieveSection<T> {
  load: SieveLoad<T>;
  saving: boolean;
  /** The last save's outcome, in words; null before any. */
  notice: { kind: 'saved' | 'error'; text: string } | null;
  /** Saves `data`; `replaceActive` once the user agreed to replace another active script. */
  save: (data: T, replaceActive: boolean) => Promise<boolean>;
  reload: () => void;
}

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : translator('settings.notifications')('failed'));

/**
 * One Sieve-backed section (vacation, filters): GET `path` for the server's state and the data
 * under `key`, PUT `{[key]: data, replaceActive}` to save. The vacation and the rules are
 * saved separately, each keeping the other as the server has it.
 */
export function useSieveSection<T, K extends string>(path: string, key: K): SieveSection<T> {
  const [load, setLoad] = useState<SieveLoad<T>>({ kind: 'loading' });
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<SieveSection<T>['notice']>(null);

  const apply = useCallback(
    (dto: SieveUnavailableDto | (SieveStateDto & Record<K, T>)) => {
      if (!dto.available) setLoad({ kind: 'unavailable', reason: dto.reason });
      else setLoad((before) => ({ kind: 'ready', state: dto, data: dto[key], version: before.kind === 'ready' ? before.version + 1 : 0 }));
    },
    [key],
  );

  const reload = useCallback(() => {
    apiRequest<SieveUnavailableDto | (SieveStateDto & Record<K, T>)>(path).then(apply, (e: unknown) =>
      setLoad({ kind: 'failed', message: messageOf(e) }),
    );
  }, [path, apply]);

  useEffect(reload, [reload]);

  const save = useCallback(
    async (data: T, replaceActive: boolean) => {
      setSaving(true);
      setNotice(null);
      try {
        apply(await apiRequest<SieveStateDto & Record<K, T>>(path, { method: 'PUT', body: { [key]: data, replaceActive } }));
        setNotice({ kind: 'saved', text: translator('settings.sieve')('savedOnServer') });
        return true;
      } catch (e) {
        setNotice({ kind: 'error', text: messageOf(e) });
        // Another client may have changed what is active meanwhile: show the server's state.
        if (e instanceof ApiError && e.status === 409) reload();
        return false;
      } finally {
        setSaving(false);
      }
    },
    [path, key, apply, reload],
  );

  return { load, saving, notice, save, reload };
}
