'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { useTranslations } from '@/lib/i18n/client';
import { SETTINGS_SECTIONS, settingsUrl, type SettingsSectionId } from '@/lib/settings-sections';
import type { SettingsDto } from '@/lib/types';
import { SECTION_COMPONENTS } from './sections';
import { useSettings } from './use-settings';

const unchanging = () => () => undefined;

/**
 * The settings page: a menu of sections (links, so each has its URL) and the one shown. The
 * settings are read once for the page and saved whole by whichever section changes them.
 */
export function SettingsApp({ username, section, initial }: { username: string; section: SettingsSectionId; initial: SettingsDto | null }) {
  const state = useSettings(initial);
  const t = useTranslations('settings');
  const Section = SECTION_COMPONENTS[section];
  const title = t(`sections.${section}`);
  // The sections' forms hold what is being edited in React state. Before hydration a field typed
  // in or a choice ticked would show, yet React keeps it out of its state and replays the click
  // on Save, which saves the old values: the controls are disabled until then (a fieldset
  // disables every control inside it, in nested forms too).
  const hydrated = useSyncExternalStore(unchanging, () => true, () => false);
  return (
    <div className="flex min-h-full flex-col bg-slate-50 sm:flex-row">
      <nav aria-label={t('title')} className="flex flex-col gap-1 border-b border-slate-200 p-3 sm:w-56 sm:border-r sm:border-b-0">
        <Link href="/mail" className="mb-2 rounded px-2 py-2 text-sm text-sky-800 hover:bg-white">
          {t('backToMail')}
        </Link>
        <h1 className="px-2 pb-1 text-lg font-semibold">{t('title')}</h1>
        <ul className="flex flex-wrap gap-1 sm:flex-col">
          {SETTINGS_SECTIONS.map((s) => (
            <li key={s.id}>
              <Link
                href={settingsUrl(s.id)}
                aria-current={s.id === section ? 'page' : undefined}
                className="block min-h-11 rounded px-2 py-2 text-sm hover:bg-white aria-[current=page]:bg-white aria-[current=page]:font-semibold sm:min-h-0"
              >
                {t(`sections.${s.id}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="flex-1 p-4 sm:p-6">
        <h2 className="mb-4 text-xl font-semibold">{title}</h2>
        <p role="status" aria-live="polite" className="mb-2 min-h-5 text-sm">
          {state.error ? (
            <span className="text-red-700">
              {state.error}{' '}
              {!state.dto && (
                <button type="button" onClick={state.reload} className="underline">
                  {t('tryAgain')}
                </button>
              )}
            </span>
          ) : state.saving ? (
            <span className="text-slate-500">{t('saving')}</span>
          ) : state.saved ? (
            <span className="text-green-700">{t('saved')}</span>
          ) : null}
        </p>
        {state.dto ? (
          <fieldset disabled={!hydrated} className="contents">
            <Section username={username} settings={state.dto.settings} storage={state.dto.storage} save={state.save} />
          </fieldset>
        ) : (
          !state.error && <p className="text-sm text-slate-500">{t('loading')}</p>
        )}
      </main>
    </div>
  );
}
