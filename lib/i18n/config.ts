/**
 * The languages Wren ships and how one is chosen (docs/ARCHITECTURE.md, "Languages"). Plain
 * data and pure functions: the server (request config, error messages) and the browser share it.
 */

/** Every shipped language; `en` is the source every other one is checked against. */
export const LOCALES = ['en', 'de', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Languages that must have every key of en.json (scripts/check-messages.mjs fails the build otherwise). */
export const COMPLETE_LOCALES: readonly Locale[] = ['en', 'de'];
/** Languages still partial: a missing key falls back to English (lib/i18n/request.ts). */
export const PARTIAL_LOCALES: readonly Locale[] = ['ar'];

/** The user's choice in Settings > General: the browser's languages, or one language. */
export const LANGUAGE_SETTINGS = ['auto', ...LOCALES] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

const RTL = new Set<string>(['ar']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The writing direction of a language, for `<html dir>`. */
export function dirOf(locale: string): 'ltr' | 'rtl' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/**
 * The first shipped language of an Accept-Language header, by quality then order ("de-DE,de;q=0.9,en;q=0.8"
 * gives `de`), or null when it names none.
 */
export function matchAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .slice(0, 50)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: (tag ?? '').trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return null;
}

/** The language of a request: the user's setting, else the browser's Accept-Language, else English. */
export function resolveLocale(setting: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (setting && setting !== 'auto' && isLocale(setting)) return setting;
  return matchAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

/** A time zone the runtime knows (IANA name), else undefined. */
export function validTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value || value.length > 64) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    return undefined;
  }
}
