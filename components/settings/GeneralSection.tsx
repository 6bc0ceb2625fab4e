'use client';

import { useState, type ReactNode } from 'react';
import type { Settings } from '@/lib/schemas';
import { ImageSendersList } from './ImageSendersList';
import type { SectionProps } from './sections';

type Ui = Settings['ui'];

const MARK_READ_DELAYS = [0, 1000, 2000, 3000, 5000, 10_000];
const UNDO_SECONDS = [5, 10, 15, 20, 30];

/** Where the settings are kept, in words (the API's `storage`). */
export function StorageNote({ storage }: Pick<SectionProps, 'storage'>) {
  return (
    <p className="text-xs text-slate-500" data-testid="settings-storage-note">
      {storage === 'imap-metadata' ? 'Kept on your mail server: every device and every Wren sees them.' : 'Kept in Wren (your mail server cannot keep settings).'}
    </p>
  );
}

function Choice<T extends string | number>({ legend, value, options, onChange }: { legend: string; value: T; options: [T, string][]; onChange: (v: T) => void }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 font-medium">{legend}</legend>
      {options.map(([v, label]) => (
        <label key={String(v)} className="flex min-h-8 items-center gap-2">
          <input type="radio" name={legend} checked={value === v} onChange={() => onChange(v)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="font-medium">{label}</span>
      {children}
    </label>
  );
}

const seconds = (ms: number) => (ms === 0 ? 'At once' : `After ${ms / 1000} second${ms === 1000 ? '' : 's'}`);

/**
 * Display name, how the mail view looks and behaves (theme, density, reading pane, marking read, Undo,
 * swiping), where signatures go, and the senders whose images are always shown. Saved together.
 */
export function GeneralSection({ settings, storage, save }: SectionProps) {
  const [draft, setDraft] = useState(settings);
  const setUi = (patch: Partial<Ui>) => setDraft((d) => ({ ...d, ui: { ...d.ui, ...patch } }));
  const delays = MARK_READ_DELAYS.includes(draft.ui.markReadDelayMs) ? MARK_READ_DELAYS : [...MARK_READ_DELAYS, draft.ui.markReadDelayMs].sort((a, b) => a - b);
  const undo = UNDO_SECONDS.includes(draft.ui.undoSeconds) ? UNDO_SECONDS : [...UNDO_SECONDS, draft.ui.undoSeconds].sort((a, b) => a - b);
  const select = 'min-h-9 rounded border border-slate-300 bg-white px-2';

  return (
    <div className="flex max-w-xl flex-col gap-8 text-sm">
      <form
        className="flex flex-col gap-5"
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft);
        }}
      >
        <StorageNote storage={storage} />
        <Field label="Display name">
          <input
            value={draft.displayName}
            maxLength={200}
            onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
            placeholder="Your name, as recipients see it"
            className="min-h-9 rounded border border-slate-300 px-2"
          />
          <span className="text-xs text-slate-500">Sent with your own address; an identity may have a name of its own.</span>
        </Field>
        <Choice
          legend="Theme"
          value={draft.ui.theme}
          options={[['system', 'System'], ['light', 'Light'], ['dark', 'Dark']]}
          onChange={(theme) => setUi({ theme })}
        />
        <Choice legend="Message list" value={draft.ui.density} options={[['comfortable', 'Comfortable (with a preview line)'], ['compact', 'Compact']]} onChange={(density) => setUi({ density })} />
        <Choice
          legend="Reading pane"
          value={draft.ui.readingPane}
          options={[['right', 'Right of the list'], ['bottom', 'Below the list'], ['off', 'Off (a message opens in place of the list)']]}
          onChange={(readingPane) => setUi({ readingPane })}
        />
        <p className="-mt-3 text-xs text-slate-500">On a wide screen with a mouse; phones and tablets show one or two panes.</p>
        <Field label="Mark a message as read">
          <select value={draft.ui.markReadDelayMs} onChange={(e) => setUi({ markReadDelayMs: Number(e.target.value) })} className={select}>
            {delays.map((ms) => (
              <option key={ms} value={ms}>
                {seconds(ms)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Undo stays offered for">
          <select value={draft.ui.undoSeconds} onChange={(e) => setUi({ undoSeconds: Number(e.target.value) })} className={select}>
            {undo.map((s) => (
              <option key={s} value={s}>
                {s} seconds
              </option>
            ))}
          </select>
        </Field>
        <Choice
          legend="Swiping a message on a touch screen"
          value={draft.ui.swipeLeft}
          options={[['archive', 'Left archives, right deletes'], ['delete', 'Left deletes, right archives']]}
          onChange={(swipeLeft) => setUi({ swipeLeft })}
        />
        <Choice
          legend="Signature in replies and forwards"
          value={draft.signaturePosition}
          options={[['above', 'Above the quoted message (under what you write)'], ['below', 'Below the quoted message']]}
          onChange={(signaturePosition) => setDraft({ ...draft, signaturePosition })}
        />
        <div>
          <button type="submit" className="min-h-9 rounded bg-sky-700 px-4 font-semibold text-white hover:bg-sky-800">
            Save
          </button>
        </div>
      </form>
      <ImageSendersList />
    </div>
  );
}
