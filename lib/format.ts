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

/** A message header's date and time. */
export function formatFullDate(iso: string, where: Where = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat(where, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function number(locale: string | undefined, digits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })));
  return format;
}

/** A size in bytes, KB, MB or GB, its figure in the user's language ("1.5 KB", "1,5 KB"). */
export function formatSize(bytes: number, locale: string = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${number(locale, 0).format(bytes)} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? number(locale, 1).format(value) : number(locale, 0).format(Math.round(value))} ${units[unit]}`;
}

export function formatAddress(a: { name: string; address: string } | null | undefined): string {
  if (!a) return '';
  return a.name || a.address;
}
