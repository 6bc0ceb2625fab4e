/**
 * Formatting shared by the list, the message view, the composer and settings: dates, times and
 * sizes through Intl in the user's language and time zone (`Where`; lib/i18n/use-format.ts
 * passes the page's). Without one: the runtime's language and zone.
 */

export interface Where {
  locale?: string;
  timeZone?: string;
}

// Building an Intl formatter costs far more than using one: one per language, zone and style.
const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(where: Where, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${where.locale}|${where.timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(where.locale, { ...options, timeZone: where.timeZone })));
  return format;
}

// The day as YYYY-MM-DD, and the year from it: one formatter fewer to build on a page load (#22).
const dayOf = (date: Date, where: Where) => dateFormat({ locale: 'en-CA', timeZone: where.timeZone }, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/** A list row's date: the time today, the day and month this year, the full date before. */
export function formatListDate(iso: string, now: Date = new Date(), where: Where = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  // Each day once: every row of the list is formatted again on each move of the cursor (#22).
  const day = dayOf(date, where);
  const today = dayOf(now, where);
  if (day === today) return dateFormat(where, { hour: '2-digit', minute: '2-digit' }).format(date);
  if (day.slice(0, 4) === today.slice(0, 4)) return dateFormat(where, { month: 'short', day: 'numeric' }).format(date);
  return dateFormat(where, { year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * List dates formatted ahead, for the first page's rows: the mail page's server render makes
 * them (app/mail), and the browser shows them without building an Intl formatter, since the
 * first one of a page starts ICU, the largest single cost of the mail view's hydration on a phone
 * (#22, docs/PERFORMANCE.md). They hold until the user's day ends: "today" is in them.
 */
export interface ListDateSeed {
  /** The first instant (ms) at which the labels may be wrong: the next midnight in the zone. */
  until: number;
  labels: Record<string, string>;
}

export function listDateSeed(isos: readonly string[], where: Where, now: Date = new Date()): ListDateSeed {
  const labels: Record<string, string> = {};
  for (const iso of isos) labels[iso] = formatListDate(iso, now, where);
  return { until: dayEnd(now, where), labels };
}

/** formatListDate, from the seed while it holds. */
export function seededListDate(seed: ListDateSeed | undefined, iso: string, now: Date = new Date(), where: Where = {}): string {
  const label = seed && now.getTime() < seed.until ? seed.labels[iso] : undefined;
  return label ?? formatListDate(iso, now, where);
}

/** The next midnight after `now` in the zone; an hour early on a day of 25 hours (never late). */
function dayEnd(now: Date, where: Where): number {
  const clock = dateFormat({ locale: 'en-GB', timeZone: where.timeZone }, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const [h, m, s] = clock.format(now).split(':').map(Number);
  const today = dayOf(now, where);
  let until = now.getTime() - ((h * 60 + m) * 60 + s) * 1000 - now.getMilliseconds() + DAY;
  // A day of 23 hours (clocks put forward today) ends an hour before that.
  while (until > now.getTime() && dayOf(new Date(until - 1), where) !== today) until -= HOUR;
  return until;
}

/** A message header's date and time. */
export function formatFullDate(iso: string, where: Where = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat(where, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

// Languages whose figures below a thousand are Latin digits with this decimal sign and nothing
// else: there a figure is written without Intl (below), the same text as Intl's
// (format.test.ts checks it), so showing a count or a size does not start ICU (#22).
const DECIMAL_SIGN: Record<string, string> = { en: '.', de: ',' };

/** A figure from 0 to 999.x in the language, with `digits` decimals, when it needs no Intl; else undefined. */
export function plainNumber(value: number, locale: string, digits = 0): string | undefined {
  const sign = DECIMAL_SIGN[locale];
  if (sign === undefined || !(value >= 0 && value < 1000)) return undefined;
  const text = value.toFixed(digits);
  if (Number(text) >= 1000) return undefined;
  return sign === '.' ? text : text.replace('.', sign);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function number(locale: string | undefined, digits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })));
  return format;
}

/** A figure in the language: without Intl where plainNumber knows how, else through it. */
function figure(value: number, locale: string, digits: number): string {
  return plainNumber(value, locale, digits) ?? number(locale, digits).format(value);
}

/** A size in bytes, KB, MB or GB, its figure in the user's language ("1.5 KB", "1,5 KB"). */
export function formatSize(bytes: number, locale: string = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${figure(bytes, locale, 0)} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? figure(value, locale, 1) : figure(Math.round(value), locale, 0)} ${units[unit]}`;
}

export function formatAddress(a: { name: string; address: string } | null | undefined): string {
  if (!a) return '';
  return a.name || a.address;
}
