/**
 * Domain rules as plain functions (no zod), so browser code can use them without a schema library.
 * The zod schemas in ./schemas.ts apply the same functions.
 */
import { LIMITS } from './limits';

/**
 * True unless both dates are readable and the end lies before the start. A task that starts and ends on the same
 * day (or at the same instant) is valid. Takes yyyy-mm-dd days or ISO 8601 instants; an unreadable or missing
 * date is another rule's concern.
 */
export function endNotBeforeStart(start: string | null | undefined, end: string | null | undefined): boolean {
  if (!start || !end) return true;
  const from = Date.parse(start);
  const to = Date.parse(end);
  if (Number.isNaN(from) || Number.isNaN(to)) return true;
  return to >= from;
}

/** Effort in hours: a finite number from 0 to LIMITS.effortHours, both inclusive. */
export function effortInRange(hours: number): boolean {
  return Number.isFinite(hours) && hours >= 0 && hours <= LIMITS.effortHours;
}
