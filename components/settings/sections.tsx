'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from '@/lib/i18n/client';
import type { ComponentType } from 'react';
import type { Settings } from '@/lib/schemas';
import type { SettingsSectionId } from '@/lib/settings-sections';
import type { SettingsDto } from '@/lib/types';

/** What every section is given: the stored settings, and a save of the whole object. */
export interface SectionProps {
  username: string;
  settings: Settings;
  storage: SettingsDto['storage'];
  save: (next: Settings) => Promise<boolean>;
}

function Loading() {
  const t = useTranslations('settings');
  return <p className="text-sm text-slate-500">{t('loading')}</p>;
}
const loading = () => <Loading />;

/** Each section's component, fetched when the section is first shown. */
export const SECTION_COMPONENTS: Record<SettingsSectionId, ComponentType<SectionProps>> = {
  account: dynamic(() => import('./AccountSection').then((m) => m.AccountSection), { loading }),
  general: dynamic(() => import('./GeneralSection').then((m) => m.GeneralSection), { loading }),
  identities: dynamic(() => import('./IdentitiesSection').then((m) => m.IdentitiesSection), { loading }),
  // Vacation and filters: their own state, in Wren's Sieve script on the mail server (use-sieve.ts).
  vacation: dynamic(() => import('./VacationSection').then((m) => m.VacationSection), { loading }),
  filters: dynamic(() => import('./FiltersSection').then((m) => m.FiltersSection), { loading }),
  notifications: dynamic(() => import('./NotificationsSection').then((m) => m.NotificationsSection), { loading }),
  offline: dynamic(() => import('./OfflineSection').then((m) => m.OfflineSection), { loading }),
};
