/** Reading the time form (book, log, edit): what was typed, as strings to show again, and checked values. */
import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import type { TimeFormValues } from '../shared/cards';
import { isDateInput } from '../shared/cards/format';
import { t } from '../shared/cards/strings';
import { durationProblemText, isGuid, LIMITS, parseDuration } from '../shared/domain';
import type { Locale } from '../shared/i18n';
import type { Stopwatch } from '../shared/inloox/time';
import { BadInputError } from './validation';

function text(record: Record<string, unknown>, key: string, max: number): string {
  const value = record[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, max) : '';
}

/** The form's inputs as typed (bounded), so a refused submit shows them again. */
export function timeFormValues(data: unknown): TimeFormValues {
  const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const taskId = text(record, 'taskId', 40);
  const date = text(record, 'date', 10);
  return {
    taskId: isGuid(taskId) ? taskId.toLowerCase() : '',
    name: text(record, 'name', LIMITS.name * 2),
    date: isDateInput(date) ? date : '',
    duration: text(record, 'duration', 40),
    note: text(record, 'note', LIMITS.description + 1),
    billable: record.billable === true || record.billable === 'true' ? 'true' : 'false',
  };
}

export interface TimeForm {
  minutes: number;
  name: string;
  note: string;
  billable: boolean;
  date: string;
  taskId: string;
}

/** Checks the typed values; every problem in the person's language, with an example for the duration. */
export function parseTimeForm(
  values: TimeFormValues,
  locale: Locale,
  need: { task?: boolean; name?: boolean; date?: boolean },
): TimeForm {
  const problems: string[] = [];
  if (need.task && !values.taskId) problems.push(t(locale, 'errorTaskRequired'));
  if (need.name && !values.name.trim()) problems.push(t(locale, 'errorNameRequired'));
  if (values.name.trim().length > LIMITS.name) problems.push(t(locale, 'errorNameTooLong', { max: LIMITS.name }));
  if (need.date && !values.date) problems.push(t(locale, 'errorDate'));
  if (values.note.length > LIMITS.description)
    problems.push(t(locale, 'errorTextTooLong', { max: LIMITS.description }));
  const duration = parseDuration(values.duration);
  if (!duration.ok) problems.push(durationProblemText(duration.problem, locale, values.duration));
  if (problems.length > 0 || !duration.ok) throw new BadInputError(problems.join(' '));
  return {
    minutes: duration.minutes,
    name: values.name.trim(),
    note: values.note.trim(),
    billable: values.billable === 'true',
    date: values.date,
    taskId: values.taskId,
  };
}

/**
 * The booking form's one-time id, the same for every Stop of one stopwatch run: two Stop presses give two forms, and
 * booking from both books once. A new run (a new start after a booking) gets another id.
 */
export function bookingFormId(stopwatch: Pick<Stopwatch, 'UserStopwatchId' | 'InitiallyStartedAt'>): string {
  const hex = createHash('sha256').update(`${stopwatch.UserStopwatchId}|${stopwatch.InitiallyStartedAt}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const freshFormId = (): string => randomUUID();

/** "1:35", the stopwatch's time rounded for the booking form (a value the duration parser reads back). */
export function durationInput(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
