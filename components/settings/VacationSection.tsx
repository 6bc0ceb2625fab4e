'use client';

import { useState } from 'react';
import type { SieveStateDto } from '@/lib/types';
import type { Vacation } from '@/lib/schemas';
import { OtherScriptNotice, SieveSaveBar, SieveUnready } from './SieveNotices';
import { useSieveSection, type SieveSection } from './use-sieve';

const field = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** Addresses as typed: one per line, or separated by commas or spaces. */
const splitAddresses = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/** What keeps the reply from being saved, in words, or null. */
function problemOf(v: Vacation): string | null {
  if (v.enabled && !v.text.trim()) return 'Write the text of the reply.';
  if (v.start && v.end && v.start > v.end) return 'The last day comes before the first.';
  if (!Number.isInteger(v.days) || v.days < 1 || v.days > 90) return 'Days between replies: from 1 to 90.';
  const bad = v.addresses.find((a) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a));
  return bad ? `“${bad}” is not an email address.` : null;
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
        Send a vacation reply
      </label>
      <fieldset disabled={!draft.enabled} className="flex flex-col gap-4 disabled:opacity-60">
        <div className="flex flex-wrap gap-4">
          <label className="flex flex-col gap-1">
            From (first day)
            <input type="date" className={field} disabled={!dates} value={draft.start ?? ''} onChange={(e) => set({ start: e.target.value || null })} />
          </label>
          <label className="flex flex-col gap-1">
            Until (last day)
            <input type="date" className={field} disabled={!dates} value={draft.end ?? ''} onChange={(e) => set({ end: e.target.value || null })} />
          </label>
        </div>
        <p className="text-xs text-slate-500">
          {dates ? 'Leave the dates empty to reply from now until you turn it off. Days follow your mail server’s calendar.' : 'Your mail server cannot limit the reply to dates: it replies until you turn it off.'}
        </p>
        <label className="flex flex-col gap-1">
          Subject
          <input className={field} value={draft.subject} maxLength={200} placeholder="Empty: “Auto: ” and their subject" onChange={(e) => set({ subject: e.target.value.replace(/[\r\n]/g, ' ') })} />
        </label>
        <label className="flex flex-col gap-1">
          Message
          <textarea className={`${field} min-h-32`} value={draft.text} maxLength={10_000} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <label className="flex flex-col gap-1">
          My other addresses (one per line: mail to them is answered too)
          <textarea className={`${field} min-h-16`} value={addresses} onChange={(e) => setAddresses(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1">
          Days between replies to the same sender
          <input type="number" min={1} max={90} className={`${field} w-24`} value={draft.days} onChange={(e) => set({ days: Number(e.target.value) })} />
        </label>
      </fieldset>
      <SieveSaveBar section={section} state={state} data={value} problem={problemOf(value)} />
    </form>
  );
}
