'use client';

import { useTranslations, useFormat } from '@/lib/i18n/client';
import { useState } from 'react';
import { fromLocalInput, snoozeChoices, toLocalInput } from '@/lib/scheduler';

interface Props {
  onPick: (until: number) => void;
  onClose: () => void;
}

/**
 * The snooze choices (later today, tomorrow, next week) and a date and time of the user's own,
 * in the browser's time zone. Fetched when Snooze is first pressed (the mail view's first
 * download does without it).
 */
export function SnoozeMenu({ onPick, onClose }: Props) {
  const t = useTranslations('mail.scheduler');
  const format = useFormat();
  const [now] = useState(() => new Date());
  const [custom, setCustom] = useState(() => toLocalInput(now.getTime() + 3600_000));
  const at = fromLocalInput(custom);
  const item = 'flex w-full justify-between gap-4 rounded px-3 py-1.5 text-start hover:bg-slate-100';
  return (
    <div
      role="dialog"
      aria-label={t('snoozeMenu')}
      className="absolute start-0 top-full z-30 mt-1 w-72 rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <ul>
        {snoozeChoices(now).map((choice) => (
          <li key={choice.key}>
            <button type="button" className={item} onClick={() => onPick(choice.at)}>
              <span>{t(choice.key)}</span>
              <span className="text-slate-500">{format.fullDate(new Date(choice.at).toISOString())}</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="mt-2 flex items-end gap-2 border-t border-slate-200 px-1 pt-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (at > Date.now()) onPick(at);
        }}
      >
        <label className="flex flex-1 flex-col gap-1 text-xs text-slate-600">
          {t('pickTime')}
          <input type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} className="rounded border border-slate-300 px-1 py-1 text-sm text-slate-900" />
        </label>
        <button type="submit" disabled={!(at > now.getTime())} className="rounded bg-sky-700 px-3 py-1 font-semibold text-white disabled:bg-slate-400">
          {t('snoozeAt')}
        </button>
      </form>
    </div>
  );
}
