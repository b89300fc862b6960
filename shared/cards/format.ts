import type { Locale } from '../i18n';

/** Who a card is for: language of the texts, and how dates are shown. */
export interface CardContext {
  locale: Locale;
  /** IANA time zone from the client (activity.localTimezone); UTC when unknown or invalid. */
  timeZone?: string;
  /** The client's full BCP-47 tag ("en-US", "de-AT") for date formats; defaults by language. */
  formatLocale?: string;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const validTimeZones = new Map<string, boolean>();

export function safeTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  let valid = validTimeZones.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    // Bounded: time zones come from clients, and a stream of made-up names must not grow memory.
    if (validTimeZones.size < 1000) validTimeZones.set(timeZone, valid);
  }
  return valid ? timeZone : 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl.DateTimeFormat is expensive to build; cards reuse one per locale, time zone and style (bounded). */
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    if (formatters.size >= 500) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

function intlLocale(locale: Locale): string {
  return locale === 'de' ? 'de-DE' : 'en-GB';
}

const supportedTags = new Map<string, boolean>();

/** Whether Intl formats dates for this client tag (asked once per tag: a card asks for every date it shows). */
function isSupportedTag(tag: string): boolean {
  let supported = supportedTags.get(tag);
  if (supported === undefined) {
    try {
      supported = Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
    } catch {
      supported = false;
    }
    if (supportedTags.size < 1000) supportedTags.set(tag, supported);
  }
  return supported;
}

/** The client's tag when it is valid and matches the card language (so German cards never get English dates). */
function dateLocale(ctx: CardContext): string {
  const tag = ctx.formatLocale;
  if (tag && tag.toLowerCase().startsWith(ctx.locale) && isSupportedTag(tag)) return tag;
  return intlLocale(ctx.locale);
}

/** "12 Mar 2026" / "12.03.2026" in the person's time zone; '' for no date. */
export function formatDate(iso: string | null | undefined, ctx: CardContext): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dateTimeFormat(dateLocale(ctx), {
    dateStyle: 'medium',
    timeZone: safeTimeZone(ctx.timeZone),
  }).format(date);
}

/** "12 Mar 2026, 14:05" / "12.03.2026, 14:05" in the person's time zone; '' for no date. */
export function formatDateTime(iso: string | null | undefined, ctx: CardContext): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dateTimeFormat(dateLocale(ctx), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: safeTimeZone(ctx.timeZone),
  }).format(date);
}

/** Offset of a time zone from UTC at a given instant, in minutes. */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The calendar date ("YYYY-MM-DD") an instant falls on in the person's time zone, for Input.Date values. */
export function toDateInput(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const zone = safeTimeZone(timeZone);
  const shifted = new Date(date.getTime() + offsetMinutes(date, zone) * 60_000);
  return shifted.toISOString().slice(0, 10);
}

/** Whether "YYYY-MM-DD" is a real calendar date. */
export function isDateInput(value: string): boolean {
  const match = DATE_ONLY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Midnight of a calendar date in the person's time zone, as an ISO instant for InLoox. */
export function fromDateInput(value: string, timeZone?: string): string {
  if (!isDateInput(value)) throw new RangeError(`not a date: ${value}`);
  const zone = safeTimeZone(timeZone);
  const naiveUtc = new Date(`${value}T00:00:00Z`);
  const first = naiveUtc.getTime() - offsetMinutes(naiveUtc, zone) * 60_000;
  const corrected = naiveUtc.getTime() - offsetMinutes(new Date(first), zone) * 60_000;
  return new Date(corrected).toISOString();
}

/** A calendar date and "HH:mm" in the person's time zone, as an ISO instant (undefined when either is invalid). */
export function fromDateTimeInput(date: string, time: string, timeZone?: string): string | undefined {
  if (!isDateInput(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return undefined;
  const zone = safeTimeZone(timeZone);
  const naiveUtc = new Date(`${date}T${time}:00Z`);
  const first = naiveUtc.getTime() - offsetMinutes(naiveUtc, zone) * 60_000;
  const corrected = naiveUtc.getTime() - offsetMinutes(new Date(first), zone) * 60_000;
  return new Date(corrected).toISOString().replace('.000Z', 'Z');
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, style: 'hours' | 'percent'): Intl.NumberFormat {
  const key = `${locale}|${style}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      intlLocale(locale),
      style === 'percent' ? { style: 'percent', maximumFractionDigits: 0 } : { maximumFractionDigits: 2 },
    );
    numberFormats.set(key, format);
  }
  return format;
}

export function formatHours(hours: number | null | undefined, locale: Locale): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '';
  const n = numberFormat(locale, 'hours').format(hours);
  return locale === 'de' ? `${n} Std.` : `${n} h`;
}

export function formatPercent(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const fraction = value > 1 ? value / 100 : value;
  return numberFormat(locale, 'percent').format(fraction);
}

export function truncate(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
