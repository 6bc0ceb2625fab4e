import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageI18n } from '@/lib/i18n/provider';
import { SETTINGS_NAMESPACES } from '@/lib/i18n/namespaces';
import { SettingsApp } from '@/components/settings/SettingsApp';
import { SETTINGS_SECTIONS, isSettingsSection, settingsUrl } from '@/lib/settings-sections';
import type { SettingsDto } from '@/lib/types';
import { getSettings } from '@/server/mail/settings';
import { getCurrentSession } from '@/server/session/current';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings'))('pageTitle') };
}

/** `/settings` and `/settings/<section>`: the settings that follow the user, one section at a time. */
export default async function SettingsPage({ params }: PageProps<'/settings/[[...section]]'>) {
  const { section = [] } = await params;
  const id = section[0] ?? SETTINGS_SECTIONS[0].id;
  if (section.length > 1 || !isSettingsSection(id)) notFound();
  const session = await getCurrentSession();
  if (!session) redirect(`/login?next=${encodeURIComponent(settingsUrl(id))}`);
  // First paint comes with the settings as stored; if the mail server cannot be reached, the
  // page says so and tries again from the browser.
  let initial: SettingsDto | null = null;
  try {
    initial = await getSettings(session);
  } catch {
    initial = null;
  }
  return (
    <PageI18n namespaces={SETTINGS_NAMESPACES}>
      <SettingsApp username={session.username} section={id} initial={initial} />
    </PageI18n>
  );
}
