'use client';

import { useLocale, useTranslations } from '@/lib/i18n/client';
import { formatSize } from '@/lib/format';
import { Icon } from '../ui/icons';
import type { AttachmentItem } from './use-attachments';

/** The compose's attachments: name, size, upload progress, and × to remove. */
export function AttachmentList({ items, onRemove }: { items: AttachmentItem[]; onRemove: (key: string) => void }) {
  const t = useTranslations('compose');
  const locale = useLocale();
  if (!items.length) return null;
  return (
    <ul aria-label={t('attachments')} className="flex flex-wrap gap-2 border-t border-slate-100 px-4 py-2">
      {items.map((a) => (
        <li key={a.key} data-testid="compose-attachment" className="relative flex max-w-full items-center gap-2 overflow-hidden rounded border border-slate-200 py-1 pr-1 pl-2 text-sm">
          <Icon name="attachment" className="h-4 w-4 shrink-0 text-slate-500" />
          <span className="truncate">{a.filename}</span>
          <span className="shrink-0 text-xs text-slate-500">{formatSize(a.size, locale)}</span>
          {!a.ref && (
            <progress aria-label={t('uploading', { name: a.filename })} value={a.progress} max={1} className="h-1.5 w-16 shrink-0 accent-sky-600" />
          )}
          <button type="button" aria-label={t('remove', { name: a.filename })} className="rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900" onClick={() => onRemove(a.key)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
