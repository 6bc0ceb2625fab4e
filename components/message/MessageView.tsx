'use client';

import { translator, useTranslations } from '@/lib/i18n/client';
import { useEffect, useRef, useState } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import type { MessageDto } from '@/lib/types';
import type { MessageLoad as Load } from './MessagePane';
import { lazyModule, useLazyModule } from '../ui/use-lazy-module';
import { engine, takeAhead } from './ahead';

// What shows an open message (its bar, its frame, its links, attachments) is fetched when one
// opens, beside the message itself (or with the first message fetched ahead: prefetch.ts): the
// mail view's first download does without it.
export const messagePane = lazyModule(() => import('./MessagePane'));

interface Props {
  id: string | null;
  onBack: () => void;
  /** The name of the folder Back returns to. */
  folderName: string;
  onSeenChange: (id: string, seen: boolean) => void;
  /** How long a message stays open before it is marked read (the user's setting; 0: at once). */
  markReadMs: number;
  /** A mailto: link clicked in the message: opens the composer instead of another program. */
  onMailto: (href: string) => void;
  /** Archive, delete, star… for the open message. */
  actions?: React.ReactNode;
  /** `actions` is the whole bar (a phone's, with its own Back). */
  bare?: boolean;
  /** False where the folder's rights lack `s` (a read-only shared folder): opening leaves it unread, and no toggle. */
  canMarkRead: boolean;
  /** The list row's read state: newer than a copy fetched ahead (components/message/ahead.ts). */
  seen?: boolean;
}

/** Shows message `id` read or unread here and in the list, then tells the server; shows it as it was if that fails. */
function markSeen(id: string, message: MessageDto, seen: boolean, setLoad: (load: Load) => void, onSeenChange: (id: string, seen: boolean) => void) {
  const show = (s: boolean) => {
    setLoad({ id, message: { ...message, seen: s }, error: null });
    onSeenChange(id, s);
  };
  show(seen);
  apiRequest('/api/messages/flags', { method: 'POST', body: { ids: [id], seen } }).catch(() => show(!seen));
}

export function MessageView({ id, onBack, folderName, onSeenChange, markReadMs, onMailto, actions, bare, canMarkRead, seen }: Props) {
  const t = useTranslations('mail.message');
  const [load, setLoad] = useState<Load | null>(null);
  const pane = useLazyModule(messagePane, id !== null);
  // The latest callback and right without making them a reason to fetch the message again.
  const latest = useRef({ onSeenChange, canMarkRead, seen });
  useEffect(() => {
    latest.current = { onSeenChange, canMarkRead, seen };
  });

  useEffect(() => {
    // A copy fetched ahead paints at once (fetched again only should it have failed).
    const early = takeAhead(id, latest.current.seen);
    if (!id) return;
    const controller = new AbortController();
    const fetchNow = () => apiRequest<MessageDto>(`/api/messages/${encodeURIComponent(id)}`, { signal: controller.signal });
    (early ? early.catch(fetchNow) : fetchNow())
      .then((message) => {
        if (controller.signal.aborted) return;
        setLoad({ id, message, error: null });
        // Opening marks read (where the folder's rights allow), after the body is on screen, or
        // once it has been open the user's delay (leaving it sooner leaves it unread).
        if (message.seen || !latest.current.canMarkRead) return;
        setTimeout(() => controller.signal.aborted || markSeen(id, message, true, setLoad, latest.current.onSeenChange), markReadMs);
      })
      .catch((error: Error) => {
        if (error.name === 'AbortError') return;
        // A link to a message moved or deleted since (or never there) says so.
        const gone = error instanceof ApiError && error.status === 404;
        setLoad({ id, message: null, error: gone ? translator('mail.message')('gone') : error.message, gone });
      });
    return () => controller.abort();
  }, [id, markReadMs]);

  if (!id) {
    return <p className="m-auto text-sm text-slate-500">{t('select')}</p>;
  }
  // A copy fetched ahead shows in the first render of its open, not after the effect takes it.
  const current = load?.id === id ? load : engine.current?.peek(id, seen);
  if (!pane) return <p className="p-4 text-sm text-slate-500">{t('loading')}</p>;
  return (
    <pane.MessagePane
      current={current}
      onBack={onBack}
      folderName={folderName}
      onMailto={onMailto}
      actions={actions}
      bare={bare}
      canMarkRead={canMarkRead}
      onToggleSeen={() => current?.message && markSeen(id, current.message, !current.message.seen, setLoad, onSeenChange)}
    />
  );
}
