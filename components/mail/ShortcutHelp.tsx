'use client';

import { Modal } from '../ui/Modal';

// The keys use-shortcuts.ts acts on, described. Kept here, with the help that is fetched when
// first asked for, rather than beside the handler in the mail view's first download (#19 needed
// the room: docs/PERFORMANCE.md).
const SHORTCUTS: Array<[string, string]> = [
  ['j / k', 'Next / previous message'],
  ['o or Enter', 'Open message'],
  ['u', 'Back to the list'],
  ['x', 'Select message'],
  ['e', 'Archive'],
  ['#', 'Delete'],
  ['!', 'Junk / not junk'],
  ['s', 'Star / unstar'],
  ['Shift+I', 'Mark read'],
  ['Shift+U', 'Mark unread'],
  ['v', 'Move to…'],
  ['c', 'Compose'],
  ['r', 'Reply'],
  ['a', 'Reply all'],
  ['f', 'Forward'],
  ['Ctrl+Enter', 'Send (in the composer)'],
  ['z', 'Undo'],
  ['/', 'Search'],
  ['?', 'This help'],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <Modal label="Keyboard shortcuts" onClose={onClose}>
      <h2 className="mb-3 font-semibold">Keyboard shortcuts</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{keys}</kbd>
            </dt>
            <dd className="text-slate-700">{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose} className="mt-4 rounded border border-slate-400 px-3 py-1 text-sm">
        Close
      </button>
    </Modal>
  );
}
