'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import { newFilterRule } from '@/lib/filter-rule';
import type { FilterRule } from '@/lib/schemas';
import type { FilterSuggestionDto, FolderDto, SieveStateDto } from '@/lib/types';
import { FilterRuleEditor, ruleProblem } from './FilterRuleEditor';
import { OtherScriptNotice, SieveSaveBar, SieveUnready } from './SieveNotices';
import { useSieveSection, type SieveSection } from './use-sieve';

const newId = () => `rule-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

const blankRule = (): FilterRule => newFilterRule(newId());

/**
 * The filters: rules run top to bottom on every message the mail server delivers, kept in
 * Wren's Sieve script. `?like=<message id>` (from "Filter messages like this") adds a rule made
 * from that message, not saved until the user chooses what it does and saves.
 */
export function FiltersSection() {
  const section = useSieveSection<FilterRule[], 'rules'>('/api/filters', 'rules');
  const [folders, setFolders] = useState<FolderDto[] | null>(null);
  useEffect(() => {
    apiRequest<{ folders: FolderDto[] }>('/api/folders?all=1').then(
      ({ folders: list }) => setFolders(list.filter((f) => f.selectable)),
      () => setFolders([]),
    );
  }, []);
  const { load } = section;
  if (load.kind !== 'ready') return <SieveUnready load={load} reload={section.reload} />;
  return <FiltersForm key={load.version} initial={load.data} state={load.state} section={section} folders={folders ?? []} />;
}

interface FormProps {
  initial: FilterRule[];
  state: SieveStateDto;
  section: SieveSection<FilterRule[]>;
  folders: FolderDto[];
}

function FiltersForm({ initial, state, section, folders }: FormProps) {
  const t = useTranslations('settings.filters');
  const [rules, setRules] = useState(initial);
  const [hint, setHint] = useState<string | null>(null);
  const like = useSearchParams().get('like');
  const router = useRouter();
  const taken = useRef<string | null>(null);

  // "Filter messages like this": the suggested rule is added once, and the URL forgets it.
  useEffect(() => {
    if (!like || taken.current === like) return;
    taken.current = like;
    apiRequest<FilterSuggestionDto>(`/api/filters/like?id=${encodeURIComponent(like)}`).then(
      ({ rule }) => {
        setRules((list) => [...list, rule]);
        setHint(t('likeAdded'));
        router.replace('/settings/filters');
      },
      (e: unknown) => setHint(e instanceof ApiError ? e.message : t('likeFailed')),
    );
  }, [like, router, t]);

  const update = (index: number, rule: FilterRule) => setRules(rules.map((r, i) => (i === index ? rule : r)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    setRules(next);
  };
  const firstProblem = rules.map((r) => ruleProblem(r, t)).findIndex((p) => p !== null);
  const problem = firstProblem >= 0 ? t('ruleProblem', { n: String(firstProblem + 1), problem: ruleProblem(rules[firstProblem], t) ?? '' }) : null;

  return (
    <div className="flex max-w-3xl flex-col gap-4 text-sm">
      <OtherScriptNotice state={state} />
      <p className="text-slate-600">
        {t('explain')}
      </p>
      {hint && (
        <p role="status" className="rounded bg-sky-50 px-3 py-2 text-sky-900">
          {hint}
        </p>
      )}
      {rules.length ? (
        <ol aria-label={t('rules')} className="flex flex-col gap-3">
          {rules.map((rule, index) => (
            <FilterRuleEditor
              key={rule.id}
              rule={rule}
              index={index}
              count={rules.length}
              folders={folders}
              supports={state.supports}
              onChange={(next) => update(index, next)}
              onMove={(by) => move(index, by)}
              onRemove={() => setRules(rules.filter((_, i) => i !== index))}
            />
          ))}
        </ol>
      ) : (
        <p className="text-slate-500">{t('none')}</p>
      )}
      <div>
        <button type="button" className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50" onClick={() => setRules([...rules, blankRule()])}>
          {t('add')}
        </button>
      </div>
      <SieveSaveBar section={section} state={state} data={rules} problem={problem} />
    </div>
  );
}
