'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useRef, useState } from 'react';
import type { FolderDto, MessageSummaryDto } from '@/lib/types';
import { iconPath } from '../ui/action-icons';
import { MoveMenuFor } from '../ui/MoveMenu';
import type { MailActions } from '../mail/use-mail-actions';
import type { MessagePages } from './use-message-pages';
import type { SelectionState } from './use-selection';
import { swipeLeftAction } from './swipe-setting';

interface Props {
  /** Under 768 px: a long press selects (selection mode); wider, it offers Move. */
  phone: boolean;
  pages: MessagePages;
  selection: SelectionState;
  actions: MailActions;
  folders: FolderDto[];
  folder: string;
}

const LONG_PRESS_MS = 500;
/** Movement (px) before a touch is a swipe, a scroll or a pull rather than a tap or a press. */
const SLOP = 10;
const PULL_TO_REFRESH = 70;
const COLORS = { archive: '#15803d', delete: '#b91c1c' };

/** A swiped row's background: the action's colour and icon on the side the row uncovers. */
function revealed(action: 'archive' | 'delete', side: 'left' | 'right') {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="white" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="${iconPath(action === 'archive' ? 'archive' : 'trash')}"/></svg>`;
  return `${COLORS[action]} url("data:image/svg+xml,${encodeURIComponent(svg)}") no-repeat ${side} 1.25rem center / 1.75rem`;
}

type Gesture = {
  x: number;
  y: number;
  row: HTMLElement | null;
  scroller: HTMLElement | null;
  mode: 'press' | 'pressed' | 'swipe' | 'pull' | 'scroll';
  dx: number;
  dy: number;
  timer?: ReturnType<typeof setTimeout>;
};

/**
 * Touch gestures on the message list, by listeners on the document (nothing in the rows'
 * markup): swipe a row sideways to archive or delete it (with the actions' Undo), a long press
 * (selection mode on a phone, Move on a tablet), pull down at the top to refresh; in selection
 * mode a tap on a row ticks it instead of opening it.
 */
export function TouchLayer(props: Props) {
  const t = useTranslations('mail.list');
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const [pull, setPull] = useState(0);
  const [refreshing, setRefreshing] = useState(false);
  const [moving, setMoving] = useState<MessageSummaryDto | null>(null);

  useEffect(() => {
    let g: Gesture | null = null;
    const messageOf = (row: HTMLElement) => {
      const index = Number(row.closest('li')?.dataset.index);
      const message = latest.current.pages.messageAt(index);
      return message ? { message, index } : null;
    };
    const reset = (row: HTMLElement) => {
      row.style.transition = row.style.transform = row.style.backgroundColor = '';
      if (row.parentElement) row.parentElement.style.background = '';
    };

    const onStart = (e: TouchEvent) => {
      if (g?.timer) clearTimeout(g.timer);
      const t = e.target as Element;
      if (e.touches.length !== 1 || t.closest('[role="dialog"], [role="menu"]')) return void (g = null);
      const touch = e.touches[0];
      const row = t.closest<HTMLElement>('[data-testid="message-row"]');
      g = { x: touch.clientX, y: touch.clientY, row, scroller: t.closest<HTMLElement>('[data-testid="message-scroller"]'), mode: 'press', dx: 0, dy: 0 };
      if (!row) return;
      const gesture = g;
      gesture.timer = setTimeout(() => {
        const found = messageOf(row);
        if (gesture.mode !== 'press' || !found) return;
        gesture.mode = 'pressed';
        navigator.vibrate?.(15);
        const { phone, selection } = latest.current;
        if (phone) selection.toggle(found.message.id, found.index, false);
        else setMoving(found.message);
      }, LONG_PRESS_MS);
    };

    const onMove = (e: TouchEvent) => {
      if (!g || g.mode === 'pressed' || g.mode === 'scroll') return;
      const touch = e.touches[0];
      g.dx = touch.clientX - g.x;
      g.dy = touch.clientY - g.y;
      if (g.mode === 'press') {
        if (Math.abs(g.dx) < SLOP && Math.abs(g.dy) < SLOP) return;
        clearTimeout(g.timer);
        if (g.row && Math.abs(g.dx) > Math.abs(g.dy)) g.mode = 'swipe';
        else if (g.scroller && g.dy > 0 && g.scroller.scrollTop <= 0) g.mode = 'pull';
        else return void (g.mode = 'scroll');
      }
      e.preventDefault();
      if (g.mode === 'pull') return setPull(Math.min(g.dy / 2, 100));
      const row = g.row!;
      const left = swipeLeftAction();
      const action = g.dx < 0 ? left : left === 'archive' ? 'delete' : 'archive';
      if (row.parentElement) row.parentElement.style.background = revealed(action, g.dx < 0 ? 'right' : 'left');
      if (getComputedStyle(row).backgroundColor === 'rgba(0, 0, 0, 0)') row.style.backgroundColor = 'var(--color-white)'; // the page's surface, light or dark
      row.style.transform = `translateX(${g.dx}px)`;
    };

    const onEnd = (e: TouchEvent) => {
      const done = g;
      g = null;
      if (!done) return;
      clearTimeout(done.timer);
      if (done.mode === 'press' || done.mode === 'scroll') return;
      // No click after a press, a swipe or a pull: the row must not open too.
      if (e.cancelable) e.preventDefault();
      if (done.mode === 'pull') {
        setPull(0);
        if (done.dy / 2 < PULL_TO_REFRESH) return;
        setRefreshing(true);
        latest.current.pages.refresh();
        setTimeout(() => setRefreshing(false), 800);
        return;
      }
      if (done.mode !== 'swipe') return;
      const row = done.row!;
      const found = messageOf(row);
      const width = row.getBoundingClientRect().width;
      row.style.transition = 'transform 150ms ease-out';
      if (!found || Math.abs(done.dx) < Math.min(120, width * 0.35)) {
        row.style.transform = '';
        return void setTimeout(() => reset(row), 150);
      }
      row.style.transform = `translateX(${done.dx < 0 ? -width : width}px)`;
      const left = swipeLeftAction();
      const action = done.dx < 0 ? left : left === 'archive' ? 'delete' : 'archive';
      const { actions } = latest.current;
      const target = { ids: [found.message.id], all: false };
      setTimeout(() => {
        // The row leaves the list at once; if the action was refused or cancelled it is back in place.
        void Promise.resolve(action === 'archive' ? actions.archive(target) : actions.remove(target)).finally(() => reset(row));
      }, 150);
    };

    // In selection mode (phone), a tap on a row ticks it rather than opening it.
    const onClick = (e: MouseEvent) => {
      const { phone, selection } = latest.current;
      const t = e.target as Element;
      const row = t.closest<HTMLElement>('[data-testid="message-row"]');
      if (!phone || !selection.count || !row || t.closest('label, [aria-pressed]')) return;
      const found = messageOf(row);
      e.preventDefault();
      e.stopPropagation();
      if (found) selection.toggle(found.message.id, found.index, false);
    };
    const onContextMenu = (e: Event) => {
      if ((e.target as Element).closest('[data-testid="message-row"]') && matchMedia('(pointer: coarse)').matches) e.preventDefault();
    };

    document.addEventListener('touchstart', onStart, { passive: true });
    document.addEventListener('touchmove', onMove, { passive: false });
    document.addEventListener('touchend', onEnd, { passive: false });
    document.addEventListener('touchcancel', onEnd);
    document.addEventListener('click', onClick, true);
    document.addEventListener('contextmenu', onContextMenu);
    // Says the gestures listen now (this module arrives after hydration): the specs wait for it.
    document.documentElement.dataset.gestures = 'on';
    return () => {
      document.removeEventListener('touchstart', onStart);
      document.removeEventListener('touchmove', onMove);
      document.removeEventListener('touchend', onEnd);
      document.removeEventListener('touchcancel', onEnd);
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('contextmenu', onContextMenu);
      delete document.documentElement.dataset.gestures;
    };
  }, []);

  return (
    <>
      {(pull > 0 || refreshing) && (
        <div role="status" className="pointer-events-none fixed left-1/2 z-30 -translate-x-1/2 rounded-full bg-white px-4 py-2 text-sm text-slate-700 shadow-lg" style={{ top: `calc(env(safe-area-inset-top) + ${refreshing ? 60 : pull}px)` }}>
          {refreshing ? t('refreshing') : pull >= PULL_TO_REFRESH ? t('release') : t('pull')}
        </div>
      )}
      {moving && (
        <div className="fixed inset-0 z-40 bg-black/30" onClick={(e) => e.target === e.currentTarget && setMoving(null)}>
          <div className="relative mx-auto mt-[20dvh] w-72">
            <p className="truncate rounded-lg bg-white px-3 py-2 text-sm font-semibold shadow">{t('moveSubject', { subject: moving.subject || t('noSubject') })}</p>
            <MoveMenuFor target={{ ids: [moving.id], all: false }} actions={props.actions} folders={props.folders} folder={props.folder} onClose={() => setMoving(null)} />
          </div>
        </div>
      )}
    </>
  );
}
