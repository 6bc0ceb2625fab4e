'use client';

// The help's table lives here, fetched with the help (`?`), not with the mail view; the keys
// themselves are MailApp's (use-shortcuts.ts).
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
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/30" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        className="w-80 rounded-xl bg-white p-5 shadow-xl"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 className="mb-3 font-semibold">Keyboard shortcuts</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{keys}</kbd>
              </dt>
              <dd className="text-slate-600">{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" autoFocus onClick={onClose} className="mt-4 rounded border border-slate-300 px-3 py-1 text-sm">
          Close
        </button>
      </div>
    </div>
  );
}
