'use client';

import { useTranslations, useFormat } from '@/lib/i18n/client';
import { memo, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { formatAddress } from '@/lib/format';
import type { MessageSummaryDto } from '@/lib/types';
import { Icon } from '../ui/icons';
import { isPlainClick } from '../ui/link-click';
import type { MessagePages } from './use-message-pages';
import { useRowWindow } from './use-row-window';
import type { SelectionState } from './use-selection';
import { DRAG_TYPE } from '../ui/drag';
import { paneFocus } from '../mail/pane-focus';

interface Props {
  pages: MessagePages;
  folder: string;
  /** Shows each row's folder (results from all folders), by this name. */
  folderLabel?: (path: string) => string;
  emptyText: string;
  selectedId: string | null;
  cursor: number;
  selection: SelectionState;
  onOpen: (message: MessageSummaryDto, index: number) => void;
  /** Moves the cursor by `delta` rows (the arrow keys, Home and End, as j and k do). */
  onStep: (delta: number) => void;
  /** A row took focus (Tab, a click): the cursor follows it. */
  onCursor: (index: number) => void;
  /** The URL of a message: rows are links. */
  hrefOf: (message: MessageSummaryDto) => string;
  /** Absent where the folder's rights do not allow starring: the stars are disabled. */
  onStar?: (message: MessageSummaryDto) => void;
  /** The mouse came onto a row (not a finger scrolling: no mouse event then): it may be fetched ahead. */
  onHover?: (message: MessageSummaryDto) => void;
  /** Every row's height: 72 px, or 52 px compact (the user's density; the preview line is then hidden). */
  rowHeight: number;
}

/** A virtualized list: only the rows in view exist, and only their pages are fetched. */
export function MessageList({ pages, folder, folderLabel, emptyText, selectedId, cursor, selection, onOpen, onStep, onCursor, hrefOf, onStar, onHover, rowHeight }: Props) {
  const t = useTranslations('mail.list');
  const count = pages.total ?? 0;
  const { scrollerRef, scroller: scrollRef, items, totalSize, scrollToIndex } = useRowWindow({ count, rowHeight, overscan: 10 });
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRange } = pages;

  useEffect(() => {
    if (count > 0) ensureRange(first, last);
  }, [first, last, count, ensureRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [folder, scrollRef]);

  // Rows that arrive or leave above (live updates) must not move what the user is reading:
  // the top visible row is followed to its new position and the scroll moves with it.
  // The rows of the last commit: when they change, the row that was on top stays on top. Only
  // then is scrollTop read: reading it after a commit lays the page out at once, and most commits
  // (a cursor move, an open) change no row (#22).
  const shown = useRef(pages.messageAt);
  // The rows' handlers as of the last commit. Rows are memoized, so moving the cursor or the open
  // message renders the rows that change, not all of them (#22); they call through this instead
  // of keeping the callbacks of the render that made them.
  const act = useRef<RowActions>(null!);
  useLayoutEffect(() => {
    act.current = { selection, onOpen, onCursor, onStar, onHover };
    const before = shown.current;
    shown.current = pages.messageAt;
    const el = scrollRef.current;
    if (!el || before === pages.messageAt || !el.scrollTop) return;
    const index = Math.floor(el.scrollTop / rowHeight);
    const id = before(index)?.id;
    for (let delta = -50; id && delta <= 50; delta++) {
      if (pages.messageAt(index + delta)?.id !== id) continue;
      if (delta) el.scrollTop += delta * rowHeight;
      break;
    }
  });

  // The list follows the keyboard cursor when it moves (not when rows arrive or leave), and so
  // does focus when it was in the list or nowhere (roving tabindex: only the cursor's row is in
  // the Tab order). Rows are recycled as the list scrolls: focus goes to the cursor's row once it
  // is rendered, and back to it when the focused row leaves (archived) or the list is shown again.
  const scrolledTo = useRef<number | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusWanted = useRef(false);
  useEffect(() => {
    if (cursor < 0 || cursor >= count || scrolledTo.current === cursor) return;
    const active = document.activeElement;
    if (scrolledTo.current !== null && (active === document.body || list.current?.contains(active))) focusWanted.current = true;
    scrolledTo.current = cursor;
    scrollToIndex(cursor);
  }, [cursor, count, scrollToIndex]);
  const hadFocus = useRef<Element | null>(null);
  useEffect(() => {
    if (paneFocus.want === 'list') {
      paneFocus.want = '';
      focusWanted.current = true;
    }
    // The focused row was taken out of the page (archived, moved, deleted elsewhere).
    if (document.activeElement === document.body && hadFocus.current && !hadFocus.current.isConnected) focusWanted.current = true;
    const row = focusWanted.current && list.current?.querySelector<HTMLElement>(`[data-index="${cursor}"] a`);
    if (row) {
      focusWanted.current = false;
      row.focus();
    }
    hadFocus.current = list.current?.contains(document.activeElement) ? document.activeElement : null;
  });

  if (pages.error && pages.total === null) {
    return (
      <div role="alert" className="m-3 rounded bg-red-50 p-3 text-sm text-red-700">
        {pages.error}{' '}
        <button type="button" className="underline" onClick={pages.retry}>
          {t('retry')}
        </button>
      </div>
    );
  }
  if (pages.total === null) return <p className="p-4 text-sm text-slate-500">{t('loading')}</p>;
  if (count === 0) return <p className="p-4 text-sm text-slate-500">{emptyText}</p>;

  return (
    <div ref={scrollerRef} className="flex-1 overflow-y-auto" data-testid="message-scroller">
      <ul
        ref={list}
        aria-label={t('messages')}
        style={{ height: totalSize, position: 'relative' }}
        onKeyDown={(e) => {
          const delta = { ArrowDown: 1, ArrowUp: -1, Home: -count, End: count }[e.key];
          if (!delta || e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          onStep(delta);
        }}
      >
        {items.map((item) => {
          const message = pages.messageAt(item.index);
          return (
            <li
              key={message?.id ?? `placeholder-${item.index}`}
              aria-setsize={count}
              aria-posinset={item.index + 1}
              data-index={item.index}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
            >
              {message ? (
                <MessageRow
                  message={message}
                  folderName={folderLabel?.(message.folder)}
                  index={item.index}
                  open={message.id === selectedId}
                  current={item.index === cursor}
                  checked={selection.isSelected(message.id)}
                  act={act}
                  href={hrefOf(message)}
                  canStar={!!onStar}
                />
              ) : (
                <div className="h-full animate-pulse border-b border-slate-100 px-4 py-3">
                  <span className="sr-only">{t('loading')}</span>
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

type RowActions = Pick<Props, 'selection' | 'onOpen' | 'onCursor' | 'onStar' | 'onHover'>;

interface RowProps {
  message: MessageSummaryDto;
  folderName?: string;
  index: number;
  open: boolean;
  current: boolean;
  checked: boolean;
  act: RefObject<RowActions>;
  href: string;
  canStar: boolean;
}

const MessageRow = memo(function MessageRow({ message, folderName, index, open, current, checked, act, href, canStar }: RowProps) {
  const t = useTranslations('mail.list');
  const format = useFormat();
  // A conversation's row names its participants and says how many messages it holds (#21).
  const count = message.conversation?.uids.length;
  const from = message.conversation?.participants.join(', ') || formatAddress(message.from) || t('noSender');
  const tab = current ? 0 : -1;
  // What a screen reader says of the row: "unread, starred, from Ann, subject, date, has attachment".
  const name = [
    !message.seen && t('rowUnread'),
    message.flagged && t('rowStarred'),
    t('rowFrom', { name: from }),
    message.subject || t('noSubject'),
    format.listDate(message.date),
    count && t('rowCount', { n: count }),
    message.hasAttachments && t('rowAttachment'),
    message.answered && t('rowAnswered'),
    folderName && t('rowIn', { folder: folderName }),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      draggable
      onDragStart={(e) => {
        // Dragging a selected row drags the selection; any other row drags itself.
        const { selection } = act.current;
        const ids = checked && selection.target && !selection.all ? selection.target.ids : [message.id];
        e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(ids));
        e.dataTransfer.effectAllowed = 'move';
      }}
      data-testid="message-row"
      data-unread={!message.seen}
      data-current={current || undefined}
      className={`flex h-full items-stretch border-b border-slate-100 ${open ? 'bg-sky-50' : checked ? 'bg-amber-50' : 'hover:bg-slate-50'} ${
        current ? 'shadow-[inset_3px_0_0_0_#0369a1]' : ''
      }`}
    >
      {/* On a phone the box is the sender's round avatar (the input over it, unseen): tapping it selects. */}
      <label className="row-select relative flex items-center ps-3 pe-1.5">
        <input
          type="checkbox"
          className="size-4"
          checked={checked}
          aria-label={t('selectRow', { subject: message.subject || t('noSubject') })}
          tabIndex={tab}
          onChange={() => undefined}
          onClick={(e) => act.current.selection.toggle(message.id, index, e.shiftKey)}
        />
        <span aria-hidden="true" className="row-avatar">
          {checked ? '✓' : [...(formatAddress(message.from) || '?')][0].toUpperCase()}
        </span>
      </label>
    <a
      href={href}
      draggable={false}
      tabIndex={tab}
      aria-label={name}
      aria-current={open || undefined}
      onFocus={() => act.current.onCursor(index)}
      onMouseEnter={() => act.current.onHover?.(message)}
      onClick={(e) => {
        if (isPlainClick(e)) act.current.onOpen(message, index);
      }}
      className="flex min-w-0 flex-1 flex-col justify-center gap-0.5 px-3 text-start"
    >
      <div className="flex items-center gap-2">
        {!message.seen && <span className="h-2 w-2 shrink-0 rounded-full bg-sky-600" />}
        <span className={`truncate text-sm ${message.seen ? '' : 'font-semibold'}`}>{from}</span>
        {count && <span className="text-xs text-slate-600" data-testid="row-count">{count}</span>}
        <span className="ms-auto shrink-0 text-xs text-slate-600">
          <time dateTime={message.date}>{format.listDate(message.date)}</time>
        </span>
      </div>
      <div className="flex items-center gap-2">
        {folderName && (
          <span className="shrink-0 rounded bg-slate-100 px-1.5 text-xs text-slate-600" data-testid="row-folder">
            {folderName}
          </span>
        )}
        <span className={`message-subject truncate text-sm ${message.seen ? 'text-slate-600' : 'font-semibold'}`}>
          {message.subject || t('noSubject')}
        </span>
        <span className="ms-auto flex shrink-0 items-center gap-1 text-xs text-slate-600">
          {message.answered && (
            <span title={t('answered')}>
              <Icon name="reply" className="h-3.5 w-3.5" />
            </span>
          )}

          {message.hasAttachments && (
            <span title={t('hasAttachments')}>
              <Icon name="attachment" className="h-3.5 w-3.5" />
            </span>
          )}
          <span>{format.size(message.size)}</span>
        </span>
      </div>
      {message.preview && (
        <span className="message-preview truncate text-xs text-slate-600">
          {message.preview}
        </span>
      )}
    </a>
      <button
        type="button"
        aria-label={message.flagged ? t('unstar') : t('star')}
        aria-pressed={message.flagged}
        tabIndex={tab}
        title={message.flagged ? t('starred') : t('star')}
        disabled={!canStar}
        onClick={() => act.current.onStar?.(message)}
        className={`px-3 ${message.flagged ? 'text-amber-600' : 'text-slate-500 hover:text-slate-700'}`}
      >
        <Icon name="star" filled={message.flagged} className="h-4 w-4" />
      </button>
    </div>
  );
});
