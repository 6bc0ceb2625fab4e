'use client';

import { clientWords } from '../api-client';
import { formatFullDate, formatSize, seededListDate, type ListDateSeed } from '../format';
import { formatCompiled } from './format-compiled';
import type { Locale, useTranslations as useNextIntlTranslations } from 'next-intl';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';

/*
 * The browser's side of the i18n layer: next-intl's useTranslations / useLocale / useTimeZone,
 * same names and types (the keys of en.json, checked by tsc), over the messages the page's server
 * component hands to I18nProvider (only the namespaces its tree uses: lib/i18n/namespaces.ts).
 * The messages come precompiled by next-intl's catalog loader (next.config.ts) and are formatted
 * by lib/i18n/format-compiled.ts, icu-minify's formatter (the one next-intl itself uses for
 * precompiled messages) cut to what Wren's catalogs use and tested against it, without
 * next-intl's client runtime: NextIntlClientProvider and its useTranslations cost the mail view
 * 5 KB gzipped of a 150 KB budget it did not have; this costs about 1 KB (docs/PERFORMANCE.md).
 * Rendered on the server too (client components' first paint), with the same messages.
 */

type Tree = { [key: string]: unknown };
interface I18n {
  locale: Locale;
  timeZone: string;
  messages: Tree;
  /** The first page's list dates, formatted by the server (lib/format.ts): no Intl in the hydration. */
  listDates?: ListDateSeed;
}

const I18nContext = createContext<I18n>({ locale: 'en', timeZone: 'UTC', messages: {} });

/** The language, time zone and messages of a page's client components. */
export function I18nProvider({ locale, timeZone, messages, listDates, children }: I18n & { children: ReactNode }) {
  const value = useMemo(() => ({ locale, timeZone, messages, listDates }), [locale, timeZone, messages, listDates]);
  // The root layout renders <html lang dir> (sign-in ends in a whole page load, so the mail view's
  // layout renders it in the user's language); the words outside React follow the page's.
  useEffect(() => {
    pageI18n = value;
    // What the browser itself says of a request that got no answer (lib/api-client.ts), in the
    // page's language when the page has the words.
    if (!messages.common) return;
    const t = makeTranslator(value, 'common');
    clientWords.network = t('network');
    clientWords.requestFailed = (status) => t('requestFailed', { status: String(status) });
  }, [value, messages]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

const at = (tree: unknown, path: string): unknown => path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree);

type Namespace = NonNullable<Parameters<typeof useNextIntlTranslations>[0]>;
type Values = Record<string, unknown>;

type Translator<NS extends Namespace> = ReturnType<typeof useNextIntlTranslations<NS>>;

function makeTranslator<NS extends Namespace>({ locale, messages }: I18n, namespace: NS): Translator<NS> {
  const scope = at(messages, namespace);
  const run = (key: string, values?: Values) => {
    const message = at(scope, key);
    // A key the page was not given (its namespace missing from lib/i18n/namespaces.ts): shown as the key.
    if (message === undefined) return `${namespace}.${key}`;
    return formatCompiled(message, locale, values);
  };
  const t = (key: string, values?: Values) => {
    const out = run(key, values);
    return Array.isArray(out) ? out.join('') : String(out);
  };
  t.rich = (key: string, values?: Values) => run(key, values) as ReactNode;
  t.has = (key: string) => at(scope, key) !== undefined;
  return t as unknown as Translator<NS>;
}

/** next-intl's useTranslations(namespace): `t(key, values)`, `t.rich(key, values)` (tags as functions), `t.has(key)`. */
export function useTranslations<NS extends Namespace>(namespace: NS): Translator<NS> {
  const i18n = useContext(I18nContext);
  return useMemo(() => makeTranslator(i18n, namespace), [i18n, namespace]);
}

/** The page's messages, for code that runs outside a render (a toast worded in a handler). */
let pageI18n: I18n = { locale: 'en', timeZone: 'UTC', messages: {} };

/** A translator for code outside React (event handlers' helpers): the page's language, once it has rendered. */
export function translator<NS extends Namespace>(namespace: NS): Translator<NS> {
  return makeTranslator(pageI18n, namespace);
}

/** The page's language (next-intl's useLocale). */
export function useLocale(): Locale {
  return useContext(I18nContext).locale;
}

/** The time zone dates are shown in (next-intl's useTimeZone): the browser's, as given at sign-in. */
export function useTimeZone(): string {
  return useContext(I18nContext).timeZone;
}

/**
 * lib/format.ts in the page's language and time zone: the same on the server's render and in the
 * browser, so hydration finds the same text. Here rather than in a module of its own: a module
 * costs the mail view's first download more than these lines.
 */
export function useFormat() {
  const { locale, timeZone, listDates } = useContext(I18nContext);
  return useMemo(() => {
    const where = { locale, timeZone };
    return {
      locale,
      listDate: (iso: string, now?: Date) => seededListDate(listDates, iso, now, where),
      fullDate: (iso: string) => formatFullDate(iso, where),
      size: (bytes: number) => formatSize(bytes, locale),
    };
  }, [locale, timeZone, listDates]);
}
