'use client';

import { useTranslations } from '@/lib/i18n/client';
import { Modal } from '../ui/Modal';

// The keys use-shortcuts.ts acts on, described. Kept here, with the help that is fetched when
// first asked for, rather than beside the handler in the mail view's first download (#19 needed
// the room: docs/PERFORMANCE.md).
const SHORTCUTS: Array<[string, 'next' | 'nextInConversation' | 'open' | 'back' | 'select' | 'archive' | 'delete' | 'junk' | 'star' | 'markRead' | 'markUnread' | 'move' | 'compose' | 'reply' | 'replyAll' | 'forward' | 'send' | 'undo' | 'search' | 'help']> = [
  ['j / k', 'next'],
  ['n / p', 'nextInConversation'],
  ['o / Enter', 'open'],
  ['u', 'back'],
  ['x', 'select'],
  ['e', 'archive'],
  ['#', 'delete'],
  ['!', 'junk'],
  ['s', 'star'],
  ['Shift+I', 'markRead'],
  ['Shift+U', 'markUnread'],
  ['v', 'move'],
  ['c', 'compose'],
  ['r', 'reply'],
  ['a', 'replyAll'],
  ['f', 'forward'],
  ['Ctrl+Enter', 'send'],
  ['z', 'undo'],
  ['/', 'search'],
  ['?', 'help'],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const t = useTranslations('mail.shortcuts');
  return (
    <Modal label={t('title')} onClose={onClose}>
      <h2 className="mb-3 font-semibold">{t('title')}</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{keys}</kbd>
            </dt>
            <dd className="text-slate-700">{t(what)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose} className="mt-4 rounded border border-slate-400 px-3 py-1 text-sm">
        {t('close')}
      </button>
    </Modal>
  );
}
