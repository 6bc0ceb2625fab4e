'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import type { SieveStateDto } from '@/lib/types';
import type { Vacation } from '@/lib/schemas';
import { OtherScriptNotice, SieveSaveBar, SieveUnready } from './SieveNotices';
import { useSieveSection, type SieveSection } from './use-sieve';

const field = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** Addresses as typed: one per line, or separated by commas or spaces. */
const splitAddresses = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/** What keeps the reply from being saved, in words, or null. */
function problemOf(v: Vacation, t: ReturnType<typeof useTranslations<'settings.vacation'>>): string | null {
  if (v.enabled && !v.text.trim()) return t('needText');
  if (v.start && v.end && v.start > v.end) return t('lastBeforeFirst');
  if (!Number.isInteger(v.days) || v.days < 1 || v.days > 90) return t('daysRange');
  const bad = v.addresses.find((a) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a));
  return bad ? t('notAnAddress', { address: bad }) : null;
}

/**
 * The vacation reply: on or off, from and until which day, subject, text, the user's other
 * addresses and the days between two replies to one sender. Kept in Wren's Sieve script on
 * the mail server, which answers while Wren is closed.
 */
export function VacationSection() {
  const section = useSieveSection<Vacation, 'vacation'>('/api/vacation', 'vacation');
  const { load } = section;
  if (load.kind !== 'ready') return <SieveUnready load={load} reload={section.reload} />;
  return <VacationForm key={load.version} initial={load.data} state={load.state} section={section} />;
}

function VacationForm({ initial, state, section }: { initial: Vacation; state: SieveStateDto; section: SieveSection<Vacation> }) {
  const t = useTranslations('settings.vacation');
  const [draft, setDraft] = useState(initial);
  const [addresses, setAddresses] = useState(initial.addresses.join('\n'));
  const set = (change: Partial<Vacation>) => setDraft({ ...draft, ...change });
  const value: Vacation = { ...draft, addresses: splitAddresses(addresses) };
  const dates = state.supports.dates;
  return (
    <form className="flex max-w-xl flex-col gap-4 text-sm" onSubmit={(e) => e.preventDefault()}>
      <OtherScriptNotice state={state} />
      <label className="flex items-center gap-2 font-medium">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        {t('enable')}
      </label>
      <fieldset disabled={!draft.enabled} className="flex flex-col gap-4 disabled:opacity-60">
        <div className="flex flex-wrap gap-4">
          <label className="flex flex-col gap-1">
            {t('from')}
            <input type="date" className={field} disabled={!dates} value={draft.start ?? ''} onChange={(e) => set({ start: e.target.value || null })} />
          </label>
          <label className="flex flex-col gap-1">
            {t('until')}
            <input type="date" className={field} disabled={!dates} value={draft.end ?? ''} onChange={(e) => set({ end: e.target.value || null })} />
          </label>
        </div>
        <p className="text-xs text-slate-500">
          {dates ? t('datesHint') : t('noDates')}
        </p>
        <label className="flex flex-col gap-1">
          {t('subject')}
          <input className={field} value={draft.subject} maxLength={200} placeholder={t('subjectPlaceholder')} onChange={(e) => set({ subject: e.target.value.replace(/[\r\n]/g, ' ') })} />
        </label>
        <label className="flex flex-col gap-1">
          {t('message')}
          <textarea className={`${field} min-h-32`} value={draft.text} maxLength={10_000} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <label className="flex flex-col gap-1">
          {t('addresses')}
          <textarea className={`${field} min-h-16`} value={addresses} onChange={(e) => setAddresses(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1">
          {t('days')}
          <input type="number" min={1} max={90} className={`${field} w-24`} value={draft.days} onChange={(e) => set({ days: Number(e.target.value) })} />
        </label>
      </fieldset>
      <SieveSaveBar section={section} state={state} data={value} problem={problemOf(value, t)} />
    </form>
  );
}
