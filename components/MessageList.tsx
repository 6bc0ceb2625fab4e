'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { formatAddress, formatListDate, formatSize } from '@/lib/format';
import type { MessageSummaryDto } from '@/lib/types';
import { Icon } from './icons';
import type { useMessagePages } from './use-message-pages';

const ROW_HEIGHT = 72;

interface Props {
  pages: ReturnType<typeof useMessagePages>;
  folder: string;
  selectedId: string | null;
  onOpen: (message: MessageSummaryDto) => void;
}

/** A virtualized list: only the rows in view exist, and only their pages are fetched. */
export function MessageList({ pages, folder, selectedId, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;
  // TanStack Virtual is not React Compiler-memoizable; this component opts out knowingly.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRange } = pages;

  useEffect(() => {
    if (count > 0) ensureRange(first, last);
  }, [first, last, count, ensureRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [folder]);

  if (pages.error && pages.total === null) {
    return (
      <div role="alert" className="m-3 rounded bg-red-50 p-3 text-sm text-red-700">
        {pages.error}{' '}
        <button type="button" className="underline" onClick={pages.retry}>
          Retry
        </button>
      </div>
    );
  }
  if (pages.total === null) return <p className="p-4 text-sm text-slate-500">Loading…</p>;
  if (count === 0) return <p className="p-4 text-sm text-slate-500">No messages in this folder</p>;

  return (
    <div ref={scrollRef} className="flex-1 overflow-y-auto" data-testid="message-scroller">
      <ul role="listbox" aria-label="Messages" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const message = pages.messageAt(item.index);
          return (
            <li
              key={message?.id ?? `placeholder-${item.index}`}
              role="option"
              aria-selected={message?.id === selectedId}
              data-index={item.index}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {message ? (
                <MessageRow message={message} selected={message.id === selectedId} onOpen={onOpen} />
              ) : (
                <div className="h-full animate-pulse border-b border-slate-100 px-4 py-3" aria-label="Loading message">
                  <div className="h-3 w-1/3 rounded bg-slate-200" />
                  <div className="mt-2 h-3 w-2/3 rounded bg-slate-100" />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function MessageRow({ message, selected, onOpen }: { message: MessageSummaryDto; selected: boolean; onOpen: (m: MessageSummaryDto) => void }) {
  return (
    <button
      type="button"
      onClick={() => onOpen(message)}
      data-testid="message-row"
      data-unread={!message.seen}
      className={`flex h-full w-full flex-col justify-center gap-0.5 border-b border-slate-100 px-4 text-left ${
        selected ? 'bg-sky-50' : 'hover:bg-slate-50'
      }`}
    >
      <div className="flex items-center gap-2">
        {!message.seen && <span className="h-2 w-2 shrink-0 rounded-full bg-sky-600" aria-label="Unread" />}
        <span className={`truncate text-sm ${message.seen ? '' : 'font-semibold'}`}>{formatAddress(message.from) || '(no sender)'}</span>
        <span className="ml-auto shrink-0 text-xs text-slate-500">
          <time dateTime={message.date}>{formatListDate(message.date)}</time>
        </span>
      </div>
      <div className="flex items-center gap-2">
        <span className={`message-subject truncate text-sm ${message.seen ? 'text-slate-600' : 'font-semibold'}`}>
          {message.subject || '(no subject)'}
        </span>
        <span className="ml-auto flex shrink-0 items-center gap-1 text-xs text-slate-500">
          {message.answered && (
            <span role="img" aria-label="Answered" title="Answered">
              <Icon name="reply" className="h-3.5 w-3.5" />
            </span>
          )}
          {message.flagged && (
            <span role="img" aria-label="Flagged" title="Flagged" className="text-amber-500">
              <Icon name="star" filled className="h-3.5 w-3.5" />
            </span>
          )}
          {message.hasAttachments && (
            <span role="img" aria-label="Has attachments" title="Has attachments">
              <Icon name="attachment" className="h-3.5 w-3.5" />
            </span>
          )}
          <span>{formatSize(message.size)}</span>
        </span>
      </div>
    </button>
  );
}
