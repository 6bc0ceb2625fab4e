'use client';

import { useTranslations } from '@/lib/i18n/client';
import type { FilterRule } from '@/lib/schemas';
import type { FolderDto, SieveStateDto } from '@/lib/types';

const input = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

const FIELDS: Array<[FilterRule['field'], 'fieldFrom' | 'fieldTo' | 'fieldSubject' | 'fieldList']> = [
  ['from', 'fieldFrom'],
  ['to', 'fieldTo'],
  ['subject', 'fieldSubject'],
  ['list-id', 'fieldList'],
];

type FiltersT = ReturnType<typeof useTranslations<'settings.filters'>>;

/** Why a rule cannot be saved as it is, in words, or null. */
export function ruleProblem(rule: FilterRule, t: FiltersT): string | null {
  if (!rule.value.trim()) return t('needValue');
  if (!rule.fileInto && !rule.markRead && !rule.star && !rule.forwardTo && !rule.discard) return t('needAction');
  if (rule.forwardTo !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(rule.forwardTo)) return t('badForward');
  return null;
}

interface Props {
  rule: FilterRule;
  index: number;
  count: number;
  folders: FolderDto[];
  supports: SieveStateDto['supports'];
  onChange: (rule: FilterRule) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One rule: "when <field> contains/is <text>", then what to do; reorder and delete. No Sieve in sight. */
export function FilterRuleEditor({ rule, index, count, folders, supports, onChange, onMove, onRemove }: Props) {
  const t = useTranslations('settings.filters');
  const set = (change: Partial<FilterRule>) => onChange({ ...rule, ...change });
  const name = t('ruleName', { n: String(index + 1) });
  const problem = ruleProblem(rule, t);
  const firstFolder = folders.find((f) => f.role !== 'inbox')?.path ?? null;
  return (
    <li aria-label={name} className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{name}</span>
        <label className="flex items-center gap-1 text-slate-600">
          <input type="checkbox" checked={rule.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          {t('on')}
        </label>
        <span className="flex-1" />
        <button type="button" className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('moveUp', { name })}>
          ↑
        </button>
        <button type="button" className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('moveDown', { name })}>
          ↓
        </button>
        <button type="button" className="rounded px-2 py-1 text-red-700 hover:bg-red-50" onClick={onRemove} aria-label={t('deleteRule', { name })}>
          {t('delete')}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span>{t('when')}</span>
        <select aria-label={t('field')} className={input} value={rule.field} onChange={(e) => set({ field: e.target.value as FilterRule['field'] })}>
          {FIELDS.map(([value, label]) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </select>
        <select aria-label={t('match')} className={input} value={rule.match} onChange={(e) => set({ match: e.target.value as FilterRule['match'] })}>
          <option value="contains">{t('contains')}</option>
          <option value="is">{t('isExactly')}</option>
        </select>
        <input aria-label={t('text')} className={`${input} min-w-48 flex-1`} value={rule.value} maxLength={500} onChange={(e) => set({ value: e.target.value.replace(/[\r\n]/g, ' ') })} />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1">{t('then')}</legend>
        {supports.fileInto && (
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={rule.fileInto !== null} disabled={rule.discard} onChange={(e) => set({ fileInto: e.target.checked ? firstFolder : null })} />
              {t('moveTo')}
            </label>
            {rule.fileInto !== null && (
              <select aria-label={t('folder')} className={input} value={rule.fileInto} onChange={(e) => set({ fileInto: e.target.value })}>
                {!folders.some((f) => f.path === rule.fileInto) && <option value={rule.fileInto}>{rule.fileInto}</option>}
                {folders.map((f) => (
                  <option key={f.path} value={f.path}>
                    {'\u00a0\u00a0'.repeat(f.depth)}
                    {f.name}
                  </option>
                ))}
              </select>
            )}
          </div>
        )}
        {supports.flags && (
          <>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={rule.markRead} onChange={(e) => set({ markRead: e.target.checked })} />
              {t('markRead')}
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={rule.star} onChange={(e) => set({ star: e.target.checked })} />
              {t('star')}
            </label>
          </>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={rule.forwardTo !== null} onChange={(e) => set({ forwardTo: e.target.checked ? '' : null, forwardKeep: supports.forwardCopy && rule.forwardKeep })} />
            {t('forwardTo')}
          </label>
          {rule.forwardTo !== null && (
            <>
              <input aria-label={t('forwardAddress')} type="email" className={input} value={rule.forwardTo} onChange={(e) => set({ forwardTo: e.target.value.trim() })} />
              {supports.forwardCopy && (
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={rule.forwardKeep} onChange={(e) => set({ forwardKeep: e.target.checked })} />
                  {t('keepCopy')}
                </label>
              )}
            </>
          )}
        </div>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={rule.discard} onChange={(e) => set({ discard: e.target.checked, fileInto: e.target.checked ? null : rule.fileInto })} />
          {t('discard')}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={rule.stop || rule.discard} disabled={rule.discard} onChange={(e) => set({ stop: e.target.checked })} />
          {t('stop')}
        </label>
      </fieldset>
      {problem && <p className="text-slate-600">{problem}</p>}
    </li>
  );
}
