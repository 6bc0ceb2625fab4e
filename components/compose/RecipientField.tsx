'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useId, useState } from 'react';
import { formatRecipient, parseRecipients, sameAddress, takeFinishedRecipients, type RecipientInput } from '@/lib/address-input';
import type { AddressDto } from '@/lib/types';
import { useContactSuggestions } from './use-contact-suggestions';

interface Props {
  label: 'To' | 'Cc' | 'Bcc';
  recipients: RecipientInput[];
  onChange: (recipients: RecipientInput[]) => void;
  autoFocus?: boolean;
  /** Buttons at the end of the row (show Cc, show Bcc). */
  children?: React.ReactNode;
}

function addUnique(list: RecipientInput[], more: RecipientInput[]): RecipientInput[] {
  const out = [...list];
  for (const r of more) if (!r.valid || !out.some((o) => o.valid && sameAddress(o.address, r.address))) out.push(r);
  return out;
}

/**
 * Recipients as chips: typed or pasted text becomes chips at a comma, semicolon, Enter, Tab or
 * on leaving the field; contacts are suggested as one types. A chip that is not an address
 * stays visible in red until it is corrected (click it to edit) or removed.
 */
export function RecipientField({ label, recipients, onChange, autoFocus, children }: Props) {
  const t = useTranslations('compose');
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [dismissed, setDismissed] = useState(false);
  const listId = useId();
  const contacts = useContactSuggestions(text).filter((c) => !recipients.some((r) => sameAddress(r.address, c.address)));
  const open = contacts.length > 0 && !dismissed;

  const add = (more: RecipientInput[]) => more.length && onChange(addUnique(recipients, more));
  function commit() {
    add(parseRecipients(text));
    setText('');
  }
  function pick(contact: AddressDto) {
    add([{ ...contact, valid: true }]);
    setText('');
    setActive(-1);
  }
  function type(value: string) {
    const { recipients: done, rest } = takeFinishedRecipients(value);
    add(done);
    setText(done.length ? rest : value);
    setActive(-1);
    setDismissed(false);
  }
  /** The chip goes back to text in the field (what was typed there becomes a chip first). */
  function edit(index: number) {
    onChange(addUnique(recipients.filter((_, i) => i !== index), parseRecipients(text)));
    setText(formatRecipient(recipients[index]));
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const key = event.key;
    if (open && (key === 'ArrowDown' || key === 'ArrowUp')) {
      event.preventDefault();
      setActive((i) => (key === 'ArrowDown' ? Math.min(contacts.length - 1, i + 1) : Math.max(-1, i - 1)));
    } else if ((key === 'Enter' || key === 'Tab') && open && active >= 0) {
      if (key === 'Enter') event.preventDefault();
      pick(contacts[active]);
    } else if (key === 'Enter' && text.trim()) {
      event.preventDefault();
      commit();
    } else if (key === 'Tab' && text.trim()) commit();
    else if (key === 'Escape' && open) {
      // The suggestions close; the composer itself stays open.
      event.preventDefault();
      event.stopPropagation();
      setDismissed(true);
    } else if (key === 'Backspace' && !text && recipients.length) onChange(recipients.slice(0, -1));
  }

  return (
    <div className="relative flex items-start gap-2 border-b border-slate-100 px-4 py-1.5">
      <label htmlFor={`${listId}-input`} className="w-10 shrink-0 pt-1 text-sm text-slate-500">
        {t(`field${label}`)}
      </label>
      <ul aria-label={t('recipientsOf', { field: t(`field${label}`) })} className="flex min-w-0 flex-1 flex-wrap items-center gap-1">
        {recipients.map((r, i) => (
          <li
            key={`${r.address}-${i}`}
            data-testid="recipient-chip"
            data-valid={r.valid}
            className={`flex max-w-full items-center rounded-full border text-sm ${r.valid ? 'border-slate-200 bg-slate-100' : 'border-red-400 bg-red-50 text-red-800'}`}
          >
            <button
              type="button"
              className="truncate py-0.5 pl-2.5"
              title={r.valid ? t('clickToEdit', { recipient: formatRecipient(r) }) : t('notValidClick')}
              onClick={() => edit(i)}
            >
              {r.valid ? r.name || r.address : formatRecipient(r)}
              {!r.valid && <span className="sr-only"> (not a valid address)</span>}
            </button>
            <button type="button" aria-label={t('remove', { name: r.address })} className="px-2 py-0.5 text-slate-500 hover:text-slate-900" onClick={() => onChange(recipients.filter((_, j) => j !== i))}>
              ×
            </button>
          </li>
        ))}
        <li className="min-w-32 flex-1">
          <input
            id={`${listId}-input`}
            role="combobox"
            aria-expanded={open}
            aria-controls={`${listId}-list`}
            aria-autocomplete="list"
            aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
            autoComplete="off"
            autoFocus={autoFocus}
            value={text}
            onChange={(e) => type(e.target.value)}
            onKeyDown={onKeyDown}
            onBlur={commit}
            className="w-full bg-transparent py-1 text-sm outline-none"
          />
        </li>
      </ul>
      {children}
      {open && (
        <ul id={`${listId}-list`} role="listbox" aria-label={t('suggestions')} className="absolute top-full left-14 z-10 w-80 max-w-[calc(100%-4rem)] rounded border border-slate-200 bg-white py-1 shadow-lg">
          {contacts.map((c, i) => (
            <li
              key={c.address}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? 'bg-sky-100' : 'hover:bg-slate-50'}`}
              // Before the input's blur, which would commit the typed text instead.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
            >
              {c.name ? (
                <>
                  {c.name} <span className="text-slate-500">&lt;{c.address}&gt;</span>
                </>
              ) : (
                c.address
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
