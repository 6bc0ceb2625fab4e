'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from '@/lib/i18n/client';
import { useState, type ReactNode } from 'react';
import { LANGUAGE_SETTINGS } from '@/lib/i18n/config';
import type { Settings } from '@/lib/schemas';
import { ImageSendersList } from './ImageSendersList';
import type { SectionProps } from './sections';

type Ui = Settings['ui'];

const MARK_READ_DELAYS = [0, 1000, 2000, 3000, 5000, 10_000];
const UNDO_SECONDS = [5, 10, 15, 20, 30];
const UNDO_SEND_SECONDS = [0, 5, 10, 20, 30];

/** Where the settings are kept, in words (the API's `storage`). */
export function StorageNote({ storage }: Pick<SectionProps, 'storage'>) {
  const t = useTranslations('settings.general');
  return (
    <p className="text-xs text-slate-500" data-testid="settings-storage-note">
      {storage === 'imap-metadata' ? t('storedOnServer') : t('storedInWren')}
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


/**
 * Display name, how the mail view looks and behaves (theme, density, reading pane, marking read, Undo,
 * swiping), where signatures go, and the senders whose images are always shown. Saved together.
 */
export function GeneralSection({ settings, storage, save }: SectionProps) {
  const t = useTranslations('settings.general');
  const router = useRouter();
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
          // A new language: the server renders the page again in it (the session keeps it).
          void save(draft).then((ok) => ok && draft.ui.language !== settings.ui.language && router.refresh());
        }}
      >
        <StorageNote storage={storage} />
        <Choice
          legend={t('language')}
          value={draft.ui.language}
          options={LANGUAGE_SETTINGS.map((l) => [l, t(`languages.${l}`)])}
          onChange={(language) => setUi({ language })}
        />
        <Field label={t('displayName')}>
          <input
            value={draft.displayName}
            maxLength={200}
            onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
            placeholder={t('displayNamePlaceholder')}
            className="min-h-9 rounded border border-slate-300 px-2"
          />
          <span className="text-xs text-slate-500">{t('displayNameHint')}</span>
        </Field>
        <Choice
          legend={t('theme')}
          value={draft.ui.theme}
          options={[['system', t('themeSystem')], ['light', t('themeLight')], ['dark', t('themeDark')]]}
          onChange={(theme) => setUi({ theme })}
        />
        <Choice legend={t('density')} value={draft.ui.density} options={[['comfortable', t('comfortable')], ['compact', t('compact')]]} onChange={(density) => setUi({ density })} />
        <Choice
          legend={t('readingPane')}
          value={draft.ui.readingPane}
          options={[['right', t('paneRight')], ['bottom', t('paneBottom')], ['off', t('paneOff')]]}
          onChange={(readingPane) => setUi({ readingPane })}
        />
        <p className="-mt-3 text-xs text-slate-500">{t('paneHint')}</p>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-medium">{t('conversations')}</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={draft.ui.conversations} onChange={(e) => setUi({ conversations: e.target.checked })} />
            {t('conversationsOn')}
          </label>
          <p className="text-xs text-slate-500">{t('conversationsHint')}</p>
        </fieldset>
        <Field label={t('markRead')}>
          <select value={draft.ui.markReadDelayMs} onChange={(e) => setUi({ markReadDelayMs: Number(e.target.value) })} className={select}>
            {delays.map((ms) => (
              <option key={ms} value={ms}>
                {ms === 0 ? t('atOnce') : t('afterSeconds', { n: ms / 1000 })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('undoFor')}>
          <select value={draft.ui.undoSeconds} onChange={(e) => setUi({ undoSeconds: Number(e.target.value) })} className={select}>
            {undo.map((s) => (
              <option key={s} value={s}>
                {t('seconds', { n: s })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('undoSend')}>
          <select value={draft.ui.undoSendSeconds} onChange={(e) => setUi({ undoSendSeconds: Number(e.target.value) })} className={select}>
            {UNDO_SEND_SECONDS.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? t('undoSendOff') : t('seconds', { n: s })}
              </option>
            ))}
          </select>
        </Field>
        <Choice
          legend={t('swipe')}
          value={draft.ui.swipeLeft}
          options={[['archive', t('swipeArchive')], ['delete', t('swipeDelete')]]}
          onChange={(swipeLeft) => setUi({ swipeLeft })}
        />
        <Choice
          legend={t('signature')}
          value={draft.signaturePosition}
          options={[['above', t('signatureAbove')], ['below', t('signatureBelow')]]}
          onChange={(signaturePosition) => setDraft({ ...draft, signaturePosition })}
        />
        <div>
          <button type="submit" className="min-h-9 rounded bg-sky-700 px-4 font-semibold text-white hover:bg-sky-800">
            {t('save')}
          </button>
        </div>
      </form>
      <ImageSendersList />
    </div>
  );
}
