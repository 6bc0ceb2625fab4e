'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { useFocusReturn } from './use-focus-return';

/**
 * A modal dialog for React content (the shortcut help, Share folder…): the native <dialog>
 * opened with showModal(), so the browser traps focus and makes the rest of the page inert;
 * Escape and a click on the backdrop close it; focus goes back to what had it before.
 * components/ui/ask-dialog.ts is the same for a question asked from plain code.
 */
export function Modal({ label, onClose, className = 'w-80', children }: { label: string; onClose: () => void; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useFocusReturn(ref);
  useEffect(() => ref.current?.showModal(), []);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === e.currentTarget && onClose()}
      className={`m-auto max-w-[calc(100vw-2rem)] rounded-xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/30 ${className}`}
    >
      <div className="p-5">{children}</div>
    </dialog>
  );
}
