'use client';

import { useLocale, useTranslations } from '@/lib/i18n/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import { fitAttachments } from '@/lib/attachment-limit';
import type { ComposeAttachment, ComposeDraftDto } from '@/lib/compose';
import { uploadFile } from './upload-file';

export interface AttachmentItem {
  key: string;
  filename: string;
  size: number;
  /** Upload progress from 0 to 1. */
  progress: number;
  /** What the compose sends; null while the file is uploading. */
  ref: ComposeAttachment | null;
}

type Stored = ComposeDraftDto['attachments'];

let lastKey = 0;
const newKey = () => `a${++lastKey}`;

function toItem(a: Stored[number]): AttachmentItem {
  const ref: ComposeAttachment = a.kind === 'upload' ? { kind: 'upload', id: a.id } : { kind: 'part', messageId: a.messageId, part: a.part };
  return { key: newKey(), filename: a.filename, size: a.size, progress: 1, ref };
}

const deleteUpload = (id: string) => apiRequest(`/api/uploads/${encodeURIComponent(id)}`, { method: 'DELETE' }).catch(() => undefined);

/**
 * The compose's attachments: uploads with progress, and parts of a stored message (a forwarded
 * original, the draft continued). The size limit is checked before a byte is sent.
 */
export function useAttachments({ initial, limit, onChange }: { initial: Stored; limit: number; onChange: () => void }) {
  const t = useTranslations('compose');
  const locale = useLocale();
  const [items, setItems] = useState<AttachmentItem[]>(() => initial.map(toItem));
  const [error, setError] = useState<string | null>(null);
  // The list as of now, for totals checked between renders (two drops in quick succession).
  const list = useRef(items);
  const aborts = useRef(new Map<string, () => void>());
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const running = aborts.current;
    // Closed mid-upload: the request stops and the server keeps no half file.
    return () => running.forEach((abort) => abort());
  }, []);

  const update = useCallback((fn: (prev: AttachmentItem[]) => AttachmentItem[]) => {
    list.current = fn(list.current);
    setItems(list.current);
  }, []);
  const patch = useCallback((key: string, change: Partial<AttachmentItem>) => update((prev) => prev.map((a) => (a.key === key ? { ...a, ...change } : a))), [update]);

  const upload = useCallback(
    (file: File) => {
      const key = newKey();
      update((prev) => [...prev, { key, filename: file.name, size: file.size, progress: 0, ref: null }]);
      const { done, abort } = uploadFile(file, (progress) => patch(key, { progress }));
      aborts.current.set(key, abort);
      done
        .then(
          (stored) => {
            // Removed while its last bytes went up: the server's copy is not wanted either.
            if (!list.current.some((a) => a.key === key)) return void deleteUpload(stored.id);
            patch(key, { progress: 1, ref: { kind: 'upload', id: stored.id } });
            onChangeRef.current();
          },
          (err: Error) => {
            update((prev) => prev.filter((a) => a.key !== key));
            if (err.name !== 'AbortError') setError(t('attachFailed', { name: file.name, reason: err.message }));
          },
        )
        .finally(() => aborts.current.delete(key));
    },
    [update, patch, t],
  );

  const add = useCallback(
    (files: File[]) => {
      const total = list.current.reduce((sum, a) => sum + a.size, 0);
      const { accepted, refusal } = fitAttachments(total, files, limit, locale, (what, count, max) => t('tooLarge', { files: what, count, limit: max }));
      setError(refusal);
      for (const i of accepted) upload(files[i]);
    },
    [limit, upload, locale, t],
  );

  const remove = useCallback(
    (key: string) => {
      const item = list.current.find((a) => a.key === key);
      if (!item) return;
      aborts.current.get(key)?.();
      if (item.ref?.kind === 'upload') void deleteUpload(item.ref.id);
      update((prev) => prev.filter((a) => a.key !== key));
      setError(null);
      onChangeRef.current();
    },
    [update],
  );

  /** Cancels running uploads and deletes stored ones: the compose was sent or discarded. */
  const release = useCallback(() => {
    for (const abort of aborts.current.values()) abort();
    for (const a of list.current) if (a.ref?.kind === 'upload') void deleteUpload(a.ref.id);
  }, []);

  /**
   * After a draft is saved again, parts of the draft it replaced (now deleted) are read from
   * the new one instead, matched by file name in order.
   */
  const followDraft = useCallback(
    (previousId: string, stored: Stored) => {
      const unused = [...stored];
      update((prev) =>
        prev.map((item) => {
          if (item.ref?.kind !== 'part' || item.ref.messageId !== previousId) return item;
          const i = unused.findIndex((s) => s.kind === 'part' && s.filename === item.filename);
          if (i < 0) return item;
          const [match] = unused.splice(i, 1);
          return match.kind === 'part' ? { ...item, ref: { kind: 'part', messageId: match.messageId, part: match.part } } : item;
        }),
      );
    },
    [update],
  );

  const refs = useCallback(() => list.current.flatMap((a) => (a.ref ? [a.ref] : [])), []);
  const uploading = items.filter((a) => !a.ref).length;
  return { items, error, add, remove, release, followDraft, refs, uploading };
}
