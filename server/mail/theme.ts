import 'server-only';
import type { UiSettings } from '@/lib/schemas';
import { getCurrentSession } from '../session/current';
import { readSettings } from './settings';

/**
 * The user's theme for the page being rendered (the root layout puts it on <html>): their
 * setting when signed in, read with the page's own settings (one GETMETADATA per render); null
 * signed out (the sign-in page follows the system) or when the settings cannot be read (the page
 * uses the browser's copy of the last choice: lib/theme.ts).
 */
export async function getRequestTheme(): Promise<UiSettings['theme'] | null> {
  const session = await getCurrentSession();
  if (!session) return null;
  try {
    return (await readSettings(session)).ui.theme;
  } catch {
    return null;
  }
}
