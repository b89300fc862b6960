/**
 * Durations people type for time entries: "1.5h", "1,5 h", "90m", "1:30", "1h 30m", "2 Std.", "45 Minuten". A bare
 * number means hours. Anything else is refused with a reason, never guessed: a booking must be exactly what was meant.
 */
import type { Locale, Localized } from '../i18n';

/** The longest single time entry (minutes): one day. */
export const MAX_ENTRY_MINUTES = 24 * 60;

export type DurationProblem = 'duration_required' | 'duration_unreadable' | 'duration_zero' | 'duration_too_long';

export type DurationResult = { ok: true; minutes: number } | { ok: false; problem: DurationProblem };

const NUMBER = String.raw`(\d{1,4}(?:[.,]\d{1,4})?|[.,]\d{1,4})`;
const HOURS = String.raw`(?:h|hr|hrs|hour|hours|std|std\.|stunde|stunden)`;
const MINUTES = String.raw`(?:m|min|min\.|mins|minute|minutes|minuten)`;

const CLOCK = /^(\d{1,2}):([0-5]\d)$/;
const BARE = new RegExp(`^${NUMBER}$`);
const WITH_UNIT = new RegExp(`^${NUMBER}\\s*(${HOURS}|${MINUTES})$`, 'i');
const HOURS_AND_MINUTES = new RegExp(`^(\\d{1,2})\\s*${HOURS}\\s*(\\d{1,3})\\s*${MINUTES}$`, 'i');

const toNumber = (text: string): number => Number(text.replace(',', '.'));

function minutesOf(text: string): number | undefined {
  const clock = CLOCK.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const both = HOURS_AND_MINUTES.exec(text);
  if (both) return Number(both[1]) * 60 + Number(both[2]);
  const bare = BARE.exec(text);
  if (bare) return toNumber(bare[1]!) * 60;
  const unit = WITH_UNIT.exec(text);
  if (unit) {
    const value = toNumber(unit[1]!);
    return /^m/i.test(unit[2]!) ? value : value * 60;
  }
  return undefined;
}

/** Parses one duration; whole minutes (rounded), more than 0 and at most MAX_ENTRY_MINUTES. */
export function parseDuration(input: string | null | undefined): DurationResult {
  const text = (input ?? '').trim();
  if (!text) return { ok: false, problem: 'duration_required' };
  if (text.length > 30) return { ok: false, problem: 'duration_unreadable' };
  if (/^[-−]/.test(text)) {
    // "-1h" is a negative duration, not text: say that zero or less cannot be booked.
    return minutesOf(text.slice(1).trim()) === undefined
      ? { ok: false, problem: 'duration_unreadable' }
      : { ok: false, problem: 'duration_zero' };
  }
  const exact = minutesOf(text);
  if (exact === undefined || !Number.isFinite(exact)) return { ok: false, problem: 'duration_unreadable' };
  const minutes = Math.round(exact);
  if (minutes <= 0) return { ok: false, problem: 'duration_zero' };
  if (minutes > MAX_ENTRY_MINUTES) return { ok: false, problem: 'duration_too_long' };
  return { ok: true, minutes };
}

const EXAMPLES: Localized = {
  en: 'for example 1.5h, 90m or 1:30',
  de: 'zum Beispiel 1,5h, 90m oder 1:30',
};

const PROBLEMS: Record<DurationProblem, Localized> = {
  duration_required: { en: 'Please enter a duration', de: 'Bitte geben Sie eine Dauer ein' },
  duration_unreadable: {
    en: 'I cannot read "{input}" as a duration',
    de: '„{input}“ kann ich nicht als Dauer lesen',
  },
  duration_zero: { en: 'The duration must be more than 0', de: 'Die Dauer muss größer als 0 sein' },
  duration_too_long: {
    en: 'One entry can be at most 24 hours',
    de: 'Ein Eintrag darf höchstens 24 Stunden lang sein',
  },
};

/** The reason in the person's language, with an example of what works. */
export function durationProblemText(problem: DurationProblem, locale: Locale, input = ''): string {
  const reason = PROBLEMS[problem][locale].replace('{input}', input.trim().slice(0, 30));
  return `${reason} (${EXAMPLES[locale]}).`;
}

/** "1:30 h" / "1:30 Std." style display of minutes. */
export function formatMinutes(minutes: number, locale: Locale): string {
  const whole = Math.max(0, Math.round(minutes));
  const text = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
  return locale === 'de' ? `${text} Std.` : `${text} h`;
}

/** Rounds to the nearest step (minutes), never below one step: a stopped timer books at least that much. */
export function roundMinutes(minutes: number, step = 5): number {
  return Math.max(step, Math.round(minutes / step) * step);
}
