'use client';

import { apiRequest } from '@/lib/api-client';
import type { ComposeConfigDto } from '@/lib/compose';
import type { SettingsDto } from '@/lib/types';

// Where earlier versions of Wren kept the display name: in one browser only.
const KEY = 'wren.displayName';

function readLegacyName(): string {
  try {
    return localStorage.getItem(KEY)?.trim() ?? '';
  } catch {
    return '';
  }
}

/** Moves the name into the settings that follow the user, unless they hold one already; then forgets it here. */
async function moveToSettings(name: string) {
  const { settings } = await apiRequest<SettingsDto>('/api/settings');
  if (!settings.displayName) await apiRequest('/api/settings', { method: 'PUT', body: { ...settings, displayName: name.slice(0, 200) } });
  localStorage.removeItem(KEY);
}

/**
 * The display name lives in the settings now. A name that an earlier version kept in this
 * browser, while the settings have none, is moved there once, and this compose uses it already
 * where no name was set.
 */
export function withLegacyDisplayName(config: ComposeConfigDto): ComposeConfigDto {
  if (config.hasDisplayName) return config;
  const name = readLegacyName();
  if (!name) return config;
  // Best effort: the name still goes with this message if the move fails.
  moveToSettings(name).catch(() => undefined);
  return {
    ...config,
    from: { ...config.from, name },
    senders: config.senders.map((s) => (s.name ? s : { ...s, name })),
    hasDisplayName: true,
  };
}
