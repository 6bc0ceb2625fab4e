/*
 * The browser's formatter of precompiled messages: icu-minify's format (which next-intl uses for
 * precompiled catalogs), cut to what Wren's catalogs use: arguments, plural and selectordinal
 * (with # and =N), select, number, and rich-text tags. Half its size in the mail view's first
 * download (docs/PERFORMANCE.md). Dates and times in messages are not supported: Wren formats
 * them with lib/format.ts. format-compiled.test.ts checks it gives icu-minify's answer for every
 * message of every shipped catalog.
 *
 * The compiled shapes (icu-minify): a string; 0 (# in a plural); [name] an argument;
 * [name, 1|2|3|4, options] select, plural, selectordinal, number; [tag, ...children] a tag.
 */

import { plainNumber } from '../format';

type Values = Record<string, unknown>;
type Plural = { n: number; locale: string } | undefined;

function node(n: unknown, locale: string, values: Values, plural: Plural): unknown {
  if (typeof n === 'string') return n;
  if (n === 0) return integer(plural!.n, plural!.locale) ?? new Intl.NumberFormat(plural!.locale).format(plural!.n);
  const [name, type, options] = n as [string, unknown, Record<string, unknown>];
  const value = values[name];
  if (type === undefined) return String(value);
  if (typeof type !== 'number' || type === 0) return (value as (chunks: unknown[]) => unknown)(([] as unknown[]).concat(merge(list((n as unknown[]).slice(1), locale, values, plural))));
  if (type === 4) return (options ? undefined : integer(value as number, locale)) ?? new Intl.NumberFormat(locale, (options as Intl.NumberFormatOptions | undefined) ?? undefined).format(value as number);
  if (type === 1) return branch(options[String(value)] ?? options.other, locale, values, plural);
  const count = value as number;
  const key = `=${count}` in options ? `=${count}` : new Intl.PluralRules(locale, { type: type === 3 ? 'ordinal' : 'cardinal' }).select(count);
  return branch(options[key] ?? options.other, locale, values, { n: count, locale });
}

/** A count as Intl writes it, without starting ICU where lib/format.ts knows the language's figures. */
const integer = (n: number, locale: string) => (Number.isInteger(n) ? plainNumber(n, locale) : undefined);

function branch(b: unknown, locale: string, values: Values, plural: Plural): unknown {
  return Array.isArray(b) ? list(b, locale, values, plural) : node(b, locale, values, plural);
}

function list(nodes: unknown[], locale: string, values: Values, plural: Plural): unknown[] {
  return nodes.flatMap((n) => node(n, locale, values, plural) as never);
}

/** Adjacent strings joined, empty ones dropped; one part alone is itself; nothing at all is ''. */
function merge(parts: unknown[]): unknown {
  if (!parts.length) return '';
  const out: unknown[] = [];
  for (const part of parts) {
    if (part === '') continue;
    if (typeof part === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += part;
    else out.push(part);
  }
  return out.length === 1 ? out[0] : out;
}

/** A precompiled message with its values, in `locale`: a string, or parts when tags gave elements. */
export function formatCompiled(message: unknown, locale: string, values: Values = {}): unknown {
  return typeof message === 'string' ? message : merge(list(message as unknown[], locale, values, undefined));
}
