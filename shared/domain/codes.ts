/**
 * Why an input was refused, as stable codes. Each surface turns a code into its own words (a card's error line,
 * the add-in's field message, the InLoox client's field name), so the rule and its wording never mix.
 */
export const VALIDATION_CODES = [
  'name_required',
  'name_too_long',
  'text_required',
  'text_too_long',
  'effort_out_of_range',
  'invalid_date',
  'end_before_start',
  'invalid_id',
  'choice_required',
  'search_too_long',
  'api_key_required',
  'api_key_malformed',
] as const;

export type ValidationCode = (typeof VALIDATION_CODES)[number];

const KNOWN = new Set<string>(VALIDATION_CODES);

export function isValidationCode(value: unknown): value is ValidationCode {
  return typeof value === 'string' && KNOWN.has(value);
}
