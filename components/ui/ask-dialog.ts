import { translator } from '@/lib/i18n/client';
/*
 * The one small dialog that asks for a line of text (a folder's name, a link's address) or a
 * yes/no, instead of window.prompt and window.confirm: a native <dialog> opened with
 * showModal(), which traps focus and closes on Escape by itself; focus goes back to what had
 * it. Plain DOM, no React: its callers (folder-admin-actions.ts, the composer's toolbar) are
 * fetched on first use, and so is this.
 */

interface Ask {
  /** The dialog's title, also its accessible name. */
  title: string;
  /** The text field's label; without it the dialog only confirms. */
  label?: string;
  value?: string;
  /** The confirming button's text ("Create", "Delete"…). */
  confirm: string;
  /** A sentence shown under the title (a warning). */
  message?: string;
  /** The field may be left empty (a link's address: empty removes the link). */
  optional?: boolean;
}

const BUTTON = 'rounded px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-700';

function element<T extends HTMLElement>(tag: string, props: object, ...children: Node[]): T {
  const el = Object.assign(document.createElement(tag), props) as T;
  el.append(...children);
  return el;
}

/** The text typed (the field's value), true for a confirmation, or null when cancelled. */
export function askDialog(ask: Ask & { label: string }): Promise<string | null>;
export function askDialog(ask: Ask): Promise<string | boolean | null>;
export function askDialog({ title, label, value = '', confirm, message, optional }: Ask): Promise<string | boolean | null> {
  const opener = document.activeElement as HTMLElement | null;
  const id = `ask-${Date.now()}`;
  const input = label ? element<HTMLInputElement>('input', { type: 'text', value, required: !optional, className: 'mt-1 w-full rounded border border-slate-400 px-2 py-1 text-sm' }) : null;
  const cancel = element('button', { type: 'button', className: `${BUTTON} border border-slate-400`, textContent: translator('mail')('cancel') });
  const ok = element('button', { type: 'submit', className: `${BUTTON} bg-sky-700 font-semibold text-white`, textContent: confirm });
  const form = element(
    'form',
    { method: 'dialog', className: 'flex flex-col gap-3' },
    element('h2', { id, className: 'font-semibold', textContent: title }),
    ...(message ? [element('p', { className: 'text-sm text-slate-700', textContent: message })] : []),
    ...(input ? [element('label', { className: 'text-sm text-slate-700', textContent: label }, input)] : []),
    element('div', { className: 'flex justify-end gap-2' }, cancel, ok),
  );
  const dialog = element<HTMLDialogElement>('dialog', { className: 'm-auto w-80 rounded-xl bg-white p-5 text-slate-900 shadow-xl backdrop:bg-black/30' }, form);
  dialog.setAttribute('aria-labelledby', id);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let answer: string | boolean | null = null;
    form.addEventListener('submit', () => {
      answer = input ? input.value : true;
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      // showModal() gives focus back too, unless what had it is gone (a closed menu's item).
      if (opener?.isConnected) opener.focus();
      resolve(answer);
    });
    dialog.showModal();
    input?.select();
  });
}
