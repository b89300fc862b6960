/**
 * zod schemas of the domain's fields. Each failure carries a ValidationCode as its message, so callers map the
 * first (or every) issue to their own words with validationCodes().
 */
import { z } from 'zod';
import { isValidationCode, type ValidationCode } from './codes';
import { GUID_PATTERN } from './guid';
import { LIMITS } from './limits';
import { effortInRange, endNotBeforeStart } from './rules';

export const guidSchema = z.string('invalid_id').regex(GUID_PATTERN, 'invalid_id');

/** A project or task name: trimmed, 1 to LIMITS.name characters. */
export const nameSchema = z.string('name_required').trim().min(1, 'name_required').max(LIMITS.name, 'name_too_long');

/** Effort in hours as a number (forms that send text convert first). */
export const effortHoursSchema = z.number('effort_out_of_range').refine(effortInRange, 'effort_out_of_range');

export const searchSchema = z.string('search_too_long').max(LIMITS.search, 'search_too_long');

/** HTML for InLoox (descriptions, comments): at most LIMITS.html characters. */
export const htmlSchema = z.string('text_too_long').max(LIMITS.html, 'text_too_long');

export const apiKeySchema = z
  .string('api_key_required')
  .trim()
  .min(1, 'api_key_required')
  .max(LIMITS.apiKey, 'api_key_malformed')
  .regex(/^[\x21-\x7e]+$/, 'api_key_malformed');

/**
 * Refinement for an object with a start and an end date (any keys): adds 'end_before_start' on the end field
 * when the end lies before the start. Same-day ranges pass.
 */
export function dateRange<K extends string>(startKey: K, endKey: K) {
  return (value: Partial<Record<K, unknown>>, ctx: z.RefinementCtx): void => {
    const start = value[startKey];
    const end = value[endKey];
    if (typeof start === 'string' && typeof end === 'string' && !endNotBeforeStart(start, end)) {
      ctx.addIssue({ code: 'custom', path: [endKey], message: 'end_before_start' satisfies ValidationCode });
    }
  };
}

export interface ValidationIssue {
  code: ValidationCode | undefined;
  /** The field at fault, dotted ("email.bodyHtml"); '' for the whole value. */
  field: string;
  /** The bound that was crossed, when zod reports one. */
  max?: number;
}

/** Every issue of a failed parse with its domain code (undefined for issues of surface-specific schemas). */
export function validationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    code: isValidationCode(issue.message) ? issue.message : undefined,
    field: issue.path.map(String).join('.'),
    ...('maximum' in issue ? { max: Number(issue.maximum) } : {}),
  }));
}
