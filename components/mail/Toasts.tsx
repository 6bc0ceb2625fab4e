'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useCallback, useRef, useState, type ReactNode } from 'react';

export interface Toast {
  id: number;
  /** Text, or a live line of the composer's (Send's countdown). */
  text: ReactNode;
  /** How long it stays, when not the Undo window (Send's own hold). */
  ms?: number;
  kind: 'info' | 'error';
  /** Shown as an "Undo" button while the toast lasts. */
  undo?: () => void;
}

/** Short notices at the bottom: what just happened, with Undo for `undoMs` (the user's setting). */
export function useToasts(undoMs: number) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-2), { ...toast, id }]);
      setTimeout(() => dismiss(id), toast.ms ?? (toast.kind === 'error' ? 8000 : undoMs));
      return id;
    },
    [dismiss, undoMs],
  );
  /** The newest toast that can still be undone (for the `z` shortcut). */
  const latestUndo = useCallback(() => [...toasts].reverse().find((t) => t.undo), [toasts]);
  return { toasts, show, dismiss, latestUndo };
}

/** Also the page's polite live region (WCAG 4.1.3): toasts, and `news` (new mail), are announced. */
export function Toasts({ toasts, dismiss, news }: { toasts: Toast[]; dismiss: (id: number) => void; news: string }) {
  return (
    <div role="status" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4">
      <span className="sr-only">{news}</span>
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} dismiss={dismiss} />
      ))}
    </div>
  );
}

function ToastView({ toast, dismiss }: { toast: Toast; dismiss: (id: number) => void }) {
  const t = useTranslations('mail.toasts');
  const [busy, setBusy] = useState(false);
  return (
    <div
      role={toast.kind === 'error' ? 'alert' : undefined}
      data-testid="toast"
      className={`pointer-events-auto flex items-center gap-4 rounded-lg px-4 py-2 text-sm text-white shadow-lg ${
        toast.kind === 'error' ? 'bg-red-700' : 'bg-slate-800'
      }`}
    >
      <span>{toast.text}</span>
      {toast.undo && (
        <button
          type="button"
          disabled={busy}
          className="font-semibold text-sky-300 hover:text-sky-200"
          onClick={() => {
            setBusy(true);
            toast.undo!();
            dismiss(toast.id);
          }}
        >
          {t('undo')}
        </button>
      )}
    </div>
  );
}
