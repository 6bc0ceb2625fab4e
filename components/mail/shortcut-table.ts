'use client';

import type { RefObject } from 'react';
import type { MessageSummaryDto } from '@/lib/types';
import type { useComposer } from '../compose/use-composer';
import type { useSelection } from '../list/use-selection';
import type { useToasts } from './Toasts';
import type { Target, useMailActions } from './use-mail-actions';

/** What the shortcuts act on: MailApp's state and actions at the last render. */
export interface ShortcutDeps {
  step: (delta: number) => void;
  cursor: number;
  cursorMessage: MessageSummaryDto | undefined;
  openMessage: (message: MessageSummaryDto, index: number) => void;
  openId: string | null;
  toList: () => void;
  selection: ReturnType<typeof useSelection>;
  target: Target | null;
  actions: ReturnType<typeof useMailActions>;
  toasts: ReturnType<typeof useToasts>;
  compose: ReturnType<typeof useComposer>['compose'];
  setMoveOpen: (open: boolean) => void;
  setHelpOpen: (open: boolean) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

/**
 * The Gmail-style keys of the mail view, keyed by KeyboardEvent.key (use-shortcuts.ts lists the
 * same keys, and fetches this module when the pointer first comes over the page or on the first
 * key: the mail view's first download does without it).
 */
export function shortcutTable(d: ShortcutDeps): Record<string, () => unknown> {
  const { cursorMessage, cursor, target, openId } = d;
  const withTarget = (fn: (t: Target) => unknown) => () => target && void fn(target);
  const starred = cursorMessage?.flagged ?? false;
  const answer = (mode: 'reply' | 'all' | 'forward') => () => {
    const id = openId ?? cursorMessage?.id;
    if (id) d.compose({ kind: 'reply', id, mode });
  };
  return {
    j: () => d.step(1),
    k: () => d.step(-1),
    o: () => cursorMessage && d.openMessage(cursorMessage, cursor),
    Enter: () => cursorMessage && d.openMessage(cursorMessage, cursor),
    u: () => openId && d.toList(),
    x: () => cursorMessage && d.selection.toggle(cursorMessage.id, cursor, false),
    e: withTarget(d.actions.archive),
    '#': withTarget(d.actions.remove),
    '!': withTarget(d.actions.junk),
    s: withTarget((t) => d.actions.setFlags(t, { flagged: !starred })),
    I: withTarget((t) => d.actions.setFlags(t, { seen: true })),
    U: withTarget((t) => d.actions.setFlags(t, { seen: false })),
    v: () => target && d.setMoveOpen(true),
    c: () => d.compose({ kind: 'new' }),
    r: answer('reply'),
    a: answer('all'),
    f: answer('forward'),
    z: () => d.toasts.latestUndo()?.undo?.(),
    '?': () => d.setHelpOpen(true),
    '/': () => d.searchRef.current?.focus(),
    Escape: () => {
      d.setHelpOpen(false);
      d.setMoveOpen(false);
    },
  };
}
