'use client';

import { useFormat, useTranslations } from '@/lib/i18n/client';
import { type ComponentProps, useEffect, useRef, useState } from 'react';
import { apiRequest } from '@/lib/api-client';
import { formatAddress } from '@/lib/format';
import { decodeMessageId } from '@/lib/message-id';
import type { ConversationDto, MessageDto, MessageSummaryDto } from '@/lib/types';
import { MessageContent } from '../../message/MessageContent';
import type { MessageView } from '../../message/MessageView';

/*
 * An open conversation (#21): its messages as a stack, oldest first, from the folder, Sent and
 * Archive (GET /api/conversations/:id). The unread ones and the newest are expanded, the others
 * one line with a preview. n and p go to the next and previous message and expand it (j and k
 * stay the list's: between conversations). Fetched only when a conversation's row is opened
 * (MailApp.tsx), so the mail view's first download does without it.
 */

/** The props of an open message's view (MessageView.tsx): MailApp shows one or the other. */
type Props = ComponentProps<typeof MessageView>;

/** A folder's name as the stack's badge says it: its last segment. */
const folderLabel = (path: string) => path.split('/').pop() || path;

export function ConversationView({ id: openId, onBack, onMailto, onSeenChange, markReadMs, canMarkRead, actions, bare }: Props) {
  // Shown only for a conversation's row (the row's id: its newest message in the list's folder).
  const id = openId ?? '';
  const t = useTranslations('mail.conversation');
  const tm = useTranslations('mail.message');
  const tl = useTranslations('mail.list');
  // What was loaded, for which id: another conversation's answer is never shown for this one.
  const [load, setLoad] = useState<{ id: string; conversation: ConversationDto | null; error: string | null } | null>(null);
  const conversation = load?.id === id ? load.conversation : null;
  const error = load?.id === id ? load.error : null;
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [at, setAt] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const folder = decodeMessageId(id)?.path ?? '';
  const latest = useRef(onSeenChange);
  useEffect(() => {
    latest.current = onSeenChange;
  });

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<ConversationDto>(`/api/conversations/${encodeURIComponent(id)}`, { signal: controller.signal })
      .then((c) => {
        const open = new Set(c.messages.filter((m) => !m.seen).map((m) => m.id));
        const last = c.messages[c.messages.length - 1];
        if (last) open.add(last.id);
        setExpanded(open);
        const first = c.messages.findIndex((m) => !m.seen);
        setAt(first >= 0 ? first : c.messages.length - 1);
        setLoad({ id, conversation: c, error: null });
      })
      .catch((e: Error) => e.name !== 'AbortError' && setLoad({ id, conversation: null, error: e.message }));
    return () => controller.abort();
  }, [id, folder]);

  const messages = conversation?.messages ?? [];
  const step = (delta: number) => {
    if (!messages.length) return;
    const next = Math.min(messages.length - 1, Math.max(0, at + delta));
    setAt(next);
    setExpanded((prev) => new Set(prev).add(messages[next].id));
    list.current?.querySelector<HTMLElement>(`[data-at="${next}"] button`)?.focus();
  };
  const stepRef = useRef(step);
  useEffect(() => {
    stepRef.current = step;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || (e.key !== 'n' && e.key !== 'p')) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('input,textarea,select,[contenteditable=""],[contenteditable="true"],dialog')) return;
      e.preventDefault();
      stepRef.current(e.key === 'n' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Every unread message is expanded, so opening reads them all, the row's (the newest) too:
  // the list's row shows read through onSeenChange of its id, the folder counts follow each.
  const seen = (messageId: string) => latest.current(messageId, true);

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="conversation">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
        {!bare && (
          <button type="button" onClick={onBack} className="rounded px-2 py-1 text-sm text-sky-800 hover:bg-slate-100 md:hidden">
            {tm('back')}
          </button>
        )}
        {actions}
      </div>
      {error && (
        <div role="alert" className="m-4 rounded bg-red-50 p-3 text-sm text-red-700">
          {error}
        </div>
      )}
      {!conversation && !error && <p className="p-4 text-sm text-slate-500">{t('loading')}</p>}
      {conversation && (
        <section aria-label={t('region')} className="min-h-0 flex-1 overflow-y-auto">
          <header className="border-b border-slate-100 px-5 py-3">
            <h2 className="text-xl font-semibold" data-testid="conversation-subject">
              {conversation.subject || tl('noSubject')}
            </h2>
            <p className="text-xs text-slate-600">{t('count', { n: messages.length })}</p>
          </header>
          <ol ref={list} aria-label={t('messages')}>
            {messages.map((m, i) => (
              <StackItem
                key={m.id}
                message={m}
                index={i}
                current={i === at}
                expanded={expanded.has(m.id)}
                folderName={m.folder === folder ? null : folderLabel(m.folder)}
                onToggle={() => {
                  setAt(i);
                  setExpanded((prev) => {
                    const next = new Set(prev);
                    if (!next.delete(m.id)) next.add(m.id);
                    return next;
                  });
                }}
                onMailto={onMailto}
                markReadMs={markReadMs}
                canMarkRead={canMarkRead && m.folder === folder}
                onSeen={seen}
              />
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

interface ItemProps {
  message: MessageSummaryDto;
  index: number;
  current: boolean;
  expanded: boolean;
  folderName: string | null;
  onToggle: () => void;
  onMailto: (href: string) => void;
  markReadMs: number;
  canMarkRead: boolean;
  onSeen: (id: string) => void;
}

function StackItem({ message, index, current, expanded, folderName, onToggle, onMailto, markReadMs, canMarkRead, onSeen }: ItemProps) {
  const t = useTranslations('mail.conversation');
  const format = useFormat();
  const name = formatAddress(message.from) || '?';
  const date = format.listDate(message.date);
  return (
    <li data-at={index} data-testid="conversation-message" data-expanded={expanded} data-current={current || undefined} className="border-b border-slate-100">
      <button
        type="button"
        aria-expanded={expanded}
        aria-label={t(expanded ? 'collapse' : 'expand', { name, date })}
        onClick={onToggle}
        className={`flex w-full items-center gap-2 px-5 py-2 text-start hover:bg-slate-50 ${current ? 'shadow-[inset_3px_0_0_0_#0369a1]' : ''}`}
      >
        {!message.seen && <span className="h-2 w-2 shrink-0 rounded-full bg-sky-600" />}
        <span className={`shrink-0 text-sm ${message.seen ? '' : 'font-semibold'}`}>{name}</span>
        {folderName && <span className="shrink-0 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{t('in', { folder: folderName })}</span>}
        {!expanded && <span className="min-w-0 flex-1 truncate text-xs text-slate-600" data-testid="conversation-preview">{message.preview ?? message.subject}</span>}
        <time dateTime={message.date} className="ms-auto shrink-0 text-xs text-slate-600">
          {date}
        </time>
      </button>
      {expanded && <ExpandedMessage id={message.id} onMailto={onMailto} markReadMs={markReadMs} canMarkRead={canMarkRead} onSeen={onSeen} />}
    </li>
  );
}

/** One expanded message of the stack: its content as an open message shows it, marked read as opening one would. */
function ExpandedMessage({ id, onMailto, markReadMs, canMarkRead, onSeen }: { id: string; onMailto: (href: string) => void; markReadMs: number; canMarkRead: boolean; onSeen: (id: string) => void }) {
  const tm = useTranslations('mail.message');
  const [message, setMessage] = useState<MessageDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ onSeen, canMarkRead });
  useEffect(() => {
    latest.current = { onSeen, canMarkRead };
  });
  useEffect(() => {
    const controller = new AbortController();
    apiRequest<MessageDto>(`/api/messages/${encodeURIComponent(id)}`, { signal: controller.signal })
      .then((m) => {
        setMessage(m);
        if (m.seen || !latest.current.canMarkRead) return;
        setTimeout(() => {
          if (controller.signal.aborted) return;
          apiRequest('/api/messages/flags', { method: 'POST', body: { ids: [id], seen: true } })
            .then(() => latest.current.onSeen(id))
            .catch(() => undefined);
        }, markReadMs);
      })
      .catch((e: Error) => e.name !== 'AbortError' && setError(e.message));
    return () => controller.abort();
  }, [id, markReadMs]);
  if (error) return <p role="alert" className="px-5 py-3 text-sm text-red-700">{error}</p>;
  if (!message) return <p className="px-5 py-3 text-sm text-slate-500">{tm('loading')}</p>;
  return (
    <div className="flex flex-col" data-testid="conversation-body">
      <MessageContent message={message} onMailto={onMailto} />
    </div>
  );
}
