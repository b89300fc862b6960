/** Calendar math of time tracking in the person's time zone: the week shown, and when a logged entry lies. */
import { fromDateInput, safeTimeZone, toDateInput } from './format';

const DAY = 86_400_000;

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export interface Week {
  /** Monday, "YYYY-MM-DD". */
  monday: string;
  /** The seven days, Monday first. */
  days: string[];
  /** Monday 00:00 and the next Monday 00:00 in the person's time zone, as UTC instants. */
  from: string;
  to: string;
}

/** The week (Monday to Sunday) `offset` weeks from the one `now` falls in, where the person is. */
export function weekOf(now: number, timeZone: string | undefined, offset = 0): Week {
  const today = toDateInput(new Date(now).toISOString(), timeZone);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(today, offset * 7 - weekday);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return { monday, days, from: fromDateInput(monday, timeZone), to: fromDateInput(addDays(monday, 7), timeZone) };
}

/** Today's date where the person is. */
export function todayIn(now: number, timeZone: string | undefined): string {
  return toDateInput(new Date(now).toISOString(), timeZone);
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * When a logged duration lies: today it ends now (work just done), on another day it starts at 9:00 there. Both in
 * UTC; InLoox stores the instants, the person's zone only picks them.
 */
export function entryWindow(
  date: string,
  minutes: number,
  timeZone: string | undefined,
  now: number,
): { start: string; end: string } {
  const zone = safeTimeZone(timeZone);
  const nowMinute = Math.floor(now / 60_000) * 60_000;
  if (date === todayIn(now, zone)) return { start: iso(nowMinute - minutes * 60_000), end: iso(nowMinute) };
  const start = Date.parse(fromDateInput(date, zone)) + 9 * 3_600_000;
  return { start: iso(start), end: iso(start + minutes * 60_000) };
}

/** The date an instant falls on where the person is. */
export function dayOf(iso: string | null | undefined, timeZone: string | undefined): string {
  return toDateInput(iso, timeZone);
}
