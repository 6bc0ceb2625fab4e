/**
 * The settings page's sections, in the order of its menu: `/settings/<id>`. The list is shared
 * by the server page (which refuses an unknown id) and the client shell
 * (components/settings/sections.tsx maps each id to its lazily loaded component).
 */
export const SETTINGS_SECTIONS = [
  { id: 'account', title: 'Account' },
  { id: 'general', title: 'General' },
  { id: 'identities', title: 'Identities' },
  // Kept in the mail server's Sieve (ManageSieve), not in the settings object.
  { id: 'vacation', title: 'Vacation reply' },
  { id: 'filters', title: 'Filters' },
  { id: 'notifications', title: 'Notifications' },
  // This browser's encrypted copy of mail for reading offline (lib/offline/).
  { id: 'offline', title: 'Offline' },
] as const;

export type SettingsSectionId = (typeof SETTINGS_SECTIONS)[number]['id'];

export function isSettingsSection(id: string): id is SettingsSectionId {
  return SETTINGS_SECTIONS.some((s) => s.id === id);
}

export const settingsUrl = (id: SettingsSectionId) => `/settings/${id}`;
