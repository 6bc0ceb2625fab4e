import type { Messages } from 'next-intl';
import { DEFAULT_LOCALE, PARTIAL_LOCALES, type Locale } from './config';

/*
 * The messages of a language. The JSON files are precompiled at build time by next-intl's
 * catalog loader (next.config.ts, experimental.messages.precompile): the browser gets each
 * message already parsed and never loads an ICU parser.
 */

const loaders: Record<Locale, () => Promise<{ default: unknown }>> = {
  en: () => import('./messages/en.json'),
  de: () => import('./messages/de.json'),
  ar: () => import('./messages/ar.json'),
};

type Tree = { [key: string]: unknown };

/** `partial` with every key it lacks taken from `base` (nested namespaces merged). */
export function withFallback(base: Tree, partial: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(partial)) {
    const under = base[key];
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && under && typeof under === 'object' && !Array.isArray(under) ? withFallback(under as Tree, value as Tree) : value;
  }
  return out;
}

/** A language's messages; a partial language (lib/i18n/config.ts) falls back to English key by key. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const own = (await loaders[locale]()).default as Tree;
  if (!PARTIAL_LOCALES.includes(locale)) return own as Messages;
  const english = (await loaders[DEFAULT_LOCALE]()).default as Tree;
  return withFallback(english, own) as Messages;
}

/** Only the namespaces a client tree uses: what NextIntlClientProvider passes to the browser. */
export function pickNamespaces<K extends keyof Messages>(messages: Messages, namespaces: readonly K[]): Pick<Messages, K> {
  const out = {} as Pick<Messages, K>;
  for (const ns of namespaces) if (messages[ns] !== undefined) out[ns] = messages[ns];
  return out;
}
