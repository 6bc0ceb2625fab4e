'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import type { SieveStateDto } from '@/lib/types';
import type { SieveSection, SieveLoad } from './use-sieve';

/** Loading, failure and "no ManageSieve" in place of a Sieve-backed section's form; null when ready. */
export function SieveUnready<T>({ load, reload }: { load: SieveLoad<T>; reload: () => void }) {
  const t = useTranslations('settings.sieve');
  if (load.kind === 'loading') return <p className="text-sm text-slate-500">{t('loading')}</p>;
  if (load.kind === 'failed') {
    return (
      <p role="alert" className="text-sm text-red-700">
        {load.message}{' '}
        <button type="button" onClick={reload} className="underline">
          {t('tryAgain')}
        </button>
      </p>
    );
  }
  if (load.kind === 'unavailable') {
    return (
      <p role="status" data-testid="sieve-unavailable" className="max-w-xl rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {load.reason}
      </p>
    );
  }
  return null;
}

/** Another client's script is active: shown read-only, with what saving here would do. */
export function OtherScriptNotice({ state }: { state: SieveStateDto }) {
  const t = useTranslations('settings.sieve');
  if (state.active !== 'other' || !state.otherScript) return null;
  return (
    <div role="note" data-testid="other-script" className="max-w-xl rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p>
        {t.rich('otherScript', { name: state.otherScript.name, strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      <details className="mt-2">
        <summary className="cursor-pointer">{t('showOther', { name: state.otherScript.name })}</summary>
        <pre className="mt-2 max-h-64 overflow-auto rounded bg-white p-2 text-xs whitespace-pre-wrap">{state.otherScript.script}</pre>
      </details>
    </div>
  );
}

/**
 * Save, with the question first when another script is active: the first press asks, "Replace
 * it and save" saves with replaceActive.
 */
export function SieveSaveBar<T>({ section, state, data, problem }: { section: SieveSection<T>; state: SieveStateDto; data: T; problem: string | null }) {
  const t = useTranslations('settings.sieve');
  const [asking, setAsking] = useState(false);
  const other = state.active === 'other' ? (state.otherScript?.name ?? t('anotherScript')) : null;
  return (
    <div className="flex flex-col gap-2">
      {asking && other ? (
        <div role="alertdialog" aria-label={t('replaceQuestion')} className="flex flex-wrap items-center gap-2 text-sm">
          <span>{t('replaceExplain', { name: other })}</span>
          <button
            type="button"
            disabled={section.saving}
            className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800"
            onClick={() => void section.save(data, true).then(() => setAsking(false))}
          >
            {t('replaceAndSave')}
          </button>
          <button type="button" className="rounded px-3 py-1.5 hover:bg-slate-100" onClick={() => setAsking(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <div>
          <button
            type="button"
            disabled={section.saving || problem !== null}
            className="rounded bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
            onClick={() => (other ? setAsking(true) : void section.save(data, false))}
          >
            {section.saving ? t('saving') : t('save')}
          </button>
        </div>
      )}
      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {problem ? (
          <span className="text-slate-600">{problem}</span>
        ) : section.notice ? (
          <span className={section.notice.kind === 'error' ? 'text-red-700' : 'text-green-700'}>{section.notice.text}</span>
        ) : null}
      </p>
    </div>
  );
}
