import type { Locale } from '../shared/i18n';

const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The local calendar day of a Date as the value of an `<input type="date">` (yyyy-mm-dd). */
export function toDateInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Parses yyyy-mm-dd into a local Date at midnight; undefined for anything that is not a real calendar day. */
export function parseDateInput(value: string): Date | undefined {
  const match = DATE_INPUT.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return date;
}

/** Adds whole calendar days to a yyyy-mm-dd value (daylight-saving safe). */
export function addDays(value: string, days: number): string {
  const date = parseDateInput(value);
  if (!date) throw new RangeError(`Not a date: ${value}`);
  date.setDate(date.getDate() + days);
  return toDateInputValue(date);
}

/**
 * A calendar day in the user's own time zone as an ISO 8601 instant for InLoox: 08:00 local for start dates,
 * 17:00 local for end dates, so the day InLoox shows is the day the user picked.
 */
export function dateInputToIso(value: string, edge: 'start' | 'end'): string {
  const date = parseDateInput(value);
  if (!date) throw new RangeError(`Not a date: ${value}`);
  date.setHours(edge === 'start' ? 8 : 17, 0, 0, 0);
  return date.toISOString();
}

/** The local calendar day of an ISO date-time, for date inputs; undefined for anything unreadable. */
export function isoToDateInput(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : toDateInputValue(date);
}

/** The Intl locale the browser parts format dates and times in: German, or British English (day before month). */
export function dateLocaleTag(locale: Locale): string {
  return locale === 'de' ? 'de-DE' : 'en-GB';
}

/** "Mon, 3 March 2025" / "Mo., 3. März 2025". */
export function formatDate(value: Date | string, locale: Locale): string {
  const date = typeof value === 'string' ? (parseDateInput(value) ?? new Date(value)) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(dateLocaleTag(locale), {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** "3 Mar 2025, 14:05" / "3. März 2025, 14:05". */
export function formatDateTime(value: Date | string, locale: Locale, timeZone?: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(dateLocaleTag(locale), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
}

/** "14:05" in both languages (24-hour clock). */
export function formatTime(value: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(dateLocaleTag(locale), { hour: '2-digit', minute: '2-digit' }).format(value);
}
