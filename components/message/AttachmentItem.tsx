'use client';

import { useLocale, useTranslations } from '@/lib/i18n/client';
import { useEffect, useState } from 'react';
import { formatSize } from '@/lib/format';
import { offlineShown } from '@/lib/offline/banner';
import type { AttachmentDto } from '@/lib/types';
import { Icon } from '../ui/icons';
import { lazyModule } from '../ui/use-lazy-module';

// The offline store's code comes with the first attachment shown, not with the message.
const offline = lazyModule(() => import('@/lib/offline/attachments'));

/**
 * One attachment of the open message: its download link and, where the browser can keep mail
 * offline, "Keep offline" (#19). Offline, the link opens the kept copy, or says it is not kept.
 */
export function AttachmentItem({ messageId, attachment: a }: { messageId: string; attachment: AttachmentDto }) {
  const t = useTranslations('mail.attachments');
  const locale = useLocale();
  // null: not known yet, or this browser keeps nothing offline (no button then).
  const [kept, setKept] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');

  useEffect(() => {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    let live = true;
    offline
      .load()
      .then((m) => m.isKept(messageId, a.part))
      .then((found) => live && setKept(found))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [messageId, a.part]);

  const keep = () => {
    setBusy(true);
    setNote('');
    offline
      .load()
      .then((m) => m.keepAttachment(messageId, a.part, a.filename, a.size))
      .then(
        () => setKept(true),
        (error: unknown) => setNote(error instanceof Error ? error.message : t('keepFailed')),
      )
      .finally(() => setBusy(false));
  };

  return (
    <li className="flex flex-wrap items-center gap-2">
      <a
        href={`/api/messages/${encodeURIComponent(messageId)}/attachments/${a.part}`}
        download={a.filename}
        onClick={(event) => {
          // Kept: from the copy, at once, online or not.
          if (kept) {
            event.preventDefault();
            void offline
              .load()
              .then((m) => m.openKept(messageId, a.part))
              .then((found) => {
                if (found) return;
                setKept(false);
                setNote(t('noLongerKept'));
              });
            return;
          }
          // The browser's online flag is not enough (a server down, or a tab that lost the network before it loaded).
          if (navigator.onLine && !offlineShown()) return;
          event.preventDefault();
          setNote(t('notKept'));
        }}
        className="flex items-center gap-2 rounded border border-slate-200 px-3 py-1.5 text-sm hover:bg-slate-50"
      >
        <Icon name="attachment" className="h-4 w-4 text-slate-500" />
        <span className="attachment-name">{a.filename}</span>
        <span className="text-xs text-slate-500">{formatSize(a.size, locale)}</span>
      </a>
      {kept === true && <span className="text-xs text-slate-600">{t('kept')}</span>}
      {kept === false && (
        <button
          type="button"
          disabled={busy}
          onClick={keep}
          aria-label={t('keepLabel', { name: a.filename })}
          className="rounded px-2 py-1.5 text-xs text-blue-700 hover:bg-slate-100 disabled:opacity-50"
        >
          {busy ? t('keeping') : t('keep')}
        </button>
      )}
      {note && (
        <span role="status" className="text-xs text-slate-700">
          {note}
        </span>
      )}
    </li>
  );
}
