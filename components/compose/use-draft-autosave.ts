'use client';

import { translator } from '@/lib/i18n/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest, clientWords } from '@/lib/api-client';
import type { ComposeInput } from '@/lib/compose';

export type SaveStatus = { state: 'idle' | 'saving' | 'saved' } | { state: 'error'; message: string };

interface Options {
  /** Bumped on every change the user makes; a save covers the version it started with. */
  version: number;
  buildInput: () => ComposeInput;
  initialDraftId: string | undefined;
  /** After a save stored `draftId` in place of `previousId` (the draft's attachments moved). */
  afterSave: (draftId: string, previousId: string | undefined) => Promise<void> | void;
}

const AUTOSAVE_MS = 3000;

/**
 * Drafts saved about 3 s after the last change, on close, and on pagehide. Saves run one at a
 * time, each sending the draftId the previous one returned: two in flight would both replace
 * the same draft and leave a copy behind.
 */
export function useDraftAutosave({ version, buildInput, initialDraftId, afterSave }: Options) {
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const draftId = useRef(initialDraftId);
  const versionRef = useRef(version);
  const savedVersion = useRef(version);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const inFlight = useRef(false);
  // While sending, after discarding or sending: no more saves.
  const stopped = useRef(false);
  const latest = useRef({ buildInput, afterSave });
  useEffect(() => {
    versionRef.current = version;
    latest.current = { buildInput, afterSave };
  });

  const store = useCallback(async (keepalive: boolean) => {
    const startedAt = versionRef.current;
    const previousId = draftId.current;
    const body = JSON.stringify({ ...latest.current.buildInput(), draftId: previousId });
    inFlight.current = true;
    try {
      const { draftId: stored } = keepalive
        ? // Survives the page going away; fetch's keepalive body is capped (64 KB) by browsers.
          await fetch('/api/drafts', { method: 'POST', body, keepalive: true, credentials: 'same-origin', headers: { 'Content-Type': 'application/json' } }).then(
            (res) => (res.ok ? (res.json() as Promise<{ draftId: string }>) : Promise.reject(new Error(clientWords.requestFailed(res.status)))),
          )
        : await apiRequest<{ draftId: string }>('/api/drafts', { method: 'POST', body: JSON.parse(body) as unknown });
      draftId.current = stored;
      savedVersion.current = Math.max(savedVersion.current, startedAt);
      await latest.current.afterSave(stored, previousId);
    } finally {
      inFlight.current = false;
    }
  }, []);

  /** Queues a save after the running one; a queued save with nothing new to store does nothing. */
  const save = useCallback(() => {
    const run = chain.current.then(async () => {
      if (stopped.current || versionRef.current <= savedVersion.current) return;
      setStatus({ state: 'saving' });
      try {
        await store(false);
        setStatus({ state: 'saved' });
      } catch (error) {
        setStatus({ state: 'error', message: translator('compose')('draftNotSaved', { reason: (error as Error).message }) });
        throw error;
      }
    });
    chain.current = run.catch(() => undefined);
    return run;
  }, [store]);

  useEffect(() => {
    if (stopped.current || version <= savedVersion.current) return;
    const timer = setTimeout(() => void save().catch(() => undefined), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [version, save]);

  useEffect(() => {
    const onPageHide = () => {
      // A save in flight carries the previous draftId: a second one now would leave a copy.
      if (stopped.current || inFlight.current || versionRef.current <= savedVersion.current) return;
      void store(true).catch(() => undefined);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      // Closed without the × (another compose opened in its place): keep what was typed.
      if (!stopped.current && versionRef.current > savedVersion.current) void save().catch(() => undefined);
    };
  }, [save, store]);

  return {
    status,
    save,
    /** Whether anything changed since the compose was opened or last saved. */
    dirty: () => versionRef.current > savedVersion.current,
    /** Stops saving and waits for a save in flight: the draftId is then final. */
    stop: async () => {
      stopped.current = true;
      await chain.current;
      return draftId.current;
    },
    /** Saving again (a send that failed): what changed meanwhile is saved now. */
    resume: () => {
      stopped.current = false;
      if (versionRef.current > savedVersion.current) void save().catch(() => undefined);
    },
    draftId: () => draftId.current,
  };
}
