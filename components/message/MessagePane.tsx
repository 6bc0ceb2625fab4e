'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import type { MessageDto } from '@/lib/types';
import { MessageContent } from './MessageContent';

/** What MessageView knows of the message it shows: loaded, failed (`gone`: 404), or neither yet. */
export interface MessageLoad {
  id: string;
  message: MessageDto | null;
  error: string | null;
  gone?: boolean;
}

interface Props {
  /** The open message's load, or none while it is fetched. */
  current?: MessageLoad;
  onBack: () => void;
  /** The name of the folder Back returns to. */
  folderName: string;
  onMailto: (href: string) => void;
  actions?: React.ReactNode;
  bare?: boolean;
  canMarkRead: boolean;
  onToggleSeen: () => void;
}

/**
 * The open message's pane: its bar (Back, the actions, Mark read or unread), why it cannot be
 * shown, or its content. Fetched with the first message opened, beside the message itself
 * (MessageView.tsx), so the mail view's first download does without it.
 */
export function MessagePane({ current, onBack, folderName, onMailto, actions, bare, canMarkRead, onToggleSeen }: Props) {
  const t = useTranslations('mail.message');
  // While the next message is fetched (not fetched ahead), the last one shown stays, hidden, so
  // that its frame is kept for the next HTML message (MessageContent's keepFrame) instead of made
  // again when it arrives: 5-30 ms of a 2-core machine's main thread (#22).
  const [last, setLast] = useState<MessageDto | null>(null);
  if (current?.message && current.message !== last) setLast(current.message);
  const shown = current ? current.message : last;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
        {!bare && (
          <button type="button" onClick={onBack} className="rounded px-2 py-1 text-sm text-sky-800 hover:bg-slate-100 md:hidden">
            {t('back')}
          </button>
        )}
        {actions}
        {!bare && canMarkRead && current?.message && (
          <button type="button" onClick={onToggleSeen} className="ms-auto rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
            {current.message.seen ? t('markUnread') : t('markRead')}
          </button>
        )}
      </div>
      {!current && <p className="p-4 text-sm text-slate-500">{t('loading')}</p>}
      {current?.error && (
        <div role="alert" className="m-4 rounded bg-red-50 p-3 text-sm text-red-700">
          <p>{current.error}</p>
          {current.gone && (
            <button type="button" onClick={onBack} className="mt-2 min-h-11 rounded px-3 font-medium text-sky-800 underline">
              {t('showFolder', { folder: folderName })}
            </button>
          )}
        </div>
      )}
      {shown && (
        <div hidden={!current} className="flex min-h-0 flex-1 flex-col">
          <MessageContent message={shown} onMailto={onMailto} keepFrame />
        </div>
      )}
    </div>
  );
}
