/** Calendar arithmetic in the person's time zone: when the digest is due, and which day a due date falls on. */
import { offsetMinutes, safeTimeZone, toDateInput } from '../cards/format';

const DAY_MS = 86_400_000;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isDigestTime(value: string): boolean {
  return TIME.test(value);
}

/** The instant a wall-clock time on a calendar date ("YYYY-MM-DD") has in `zone` (DST-correct). */
export function zonedInstant(date: string, time: string, zone: string): number {
  const match = TIME.exec(time);
  const [hh, mm] = match ? [match[1], match[2]] : ['08', '30'];
  const naive = Date.parse(`${date}T${hh}:${mm}:00Z`);
  const first = naive - offsetMinutes(new Date(naive), zone) * 60_000;
  return naive - offsetMinutes(new Date(first), zone) * 60_000;
}

/** "YYYY-MM-DD" `days` after a calendar date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The first digest time strictly after `now` (weekdays only when asked); an invalid zone reads as UTC. */
export function nextDigestAt(now: number, timeZone: string, time: string, weekdaysOnly: boolean): number {
  const zone = safeTimeZone(timeZone);
  const today = toDateInput(new Date(now).toISOString(), zone);
  for (let i = 0; i < 8; i++) {
    const date = addDays(today, i);
    const day = weekday(date);
    if (weekdaysOnly && (day === 0 || day === 6)) continue;
    const at = zonedInstant(date, time, zone);
    if (at > now) return at;
  }
  return now + DAY_MS;
}

export interface DayWindows {
  /** Start of today in the zone. */
  todayStart: number;
  tomorrowStart: number;
  /** End of this week (start of next Monday). */
  weekEnd: number;
}

export function dayWindows(now: number, timeZone: string): DayWindows {
  const zone = safeTimeZone(timeZone);
  const today = toDateInput(new Date(now).toISOString(), zone);
  const toMonday = (8 - weekday(today)) % 7 || 7;
  return {
    todayStart: zonedInstant(today, '00:00', zone),
    tomorrowStart: zonedInstant(addDays(today, 1), '00:00', zone),
    weekEnd: zonedInstant(addDays(today, toMonday), '00:00', zone),
  };
}
