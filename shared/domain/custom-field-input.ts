/**
 * What a person types into a custom field, turned into the text InLoox stores (invariant culture), and the display
 * rules a card can evaluate. Pure: used by the bot, the add-in API and the tab before any InLoox call.
 */
import type { CustomFieldDefinition, CustomFieldValues } from '../inloox/custom-field-types';
import type { Locale } from '../i18n';

/** Longest text a custom field takes from a form (characters). */
export const CUSTOM_TEXT_MAX = 4000;
const INT32 = 2 ** 31;

export type CustomInputProblem =
  | 'not_a_number'
  | 'not_whole'
  | 'out_of_range'
  | 'not_a_date'
  | 'not_a_time'
  | 'not_yes_no'
  | 'not_in_list'
  | 'too_long';

export type CustomInputResult = { ok: true; value: string | null } | { ok: false; problem: CustomInputProblem };

const ok = (value: string | null): CustomInputResult => ({ ok: true, value });
const fail = (problem: CustomInputProblem): CustomInputResult => ({ ok: false, problem });

/**
 * A number as the person writes it: "1.234,5" or "1234,5" (German), "1,234.5" (English), or plain "1234.5" as
 * Input.Number sends it in either language. Returns the invariant form ("1234.5") or undefined.
 */
export function normalizeNumber(text: string, locale: Locale): string | undefined {
  let s = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!s) return undefined;
  const [group, decimal] = locale === 'de' ? ['.', ','] : [',', '.'];
  const grouped = new RegExp(`^[+-]?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`);
  if (grouped.test(s)) s = s.split(group).join('');
  if (locale === 'de' && s.includes(',')) {
    if (s.includes('.')) return undefined;
    s = s.replace(',', '.');
  }
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!match) return undefined;
  const [, sign, whole, fraction] = match;
  const digits = whole!.replace(/^0+(?=\d)/, '');
  const tail = fraction?.replace(/0+$/, '');
  const negative = sign === '-' && (/[1-9]/.test(digits) || !!tail);
  return `${negative ? '-' : ''}${digits}${tail ? `.${tail}` : ''}`;
}

const YES = ['true', 'yes', 'ja', '1', 'on'];
const NO = ['false', 'no', 'nein', '0', 'off'];

/** One form value for one field; '' and missing mean "empty" (cleared). Date-times combine date, time, zone. */
export function parseCustomInput(
  field: CustomFieldDefinition,
  input: { value?: unknown; time?: unknown; newValue?: unknown },
  locale: Locale,
  toInstant: (date: string, time: string) => string | undefined,
): CustomInputResult {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  const value = text(input.value);
  switch (field.type) {
    case 'String':
      if (value.length > CUSTOM_TEXT_MAX) return fail('too_long');
      return ok(value || null);
    case 'Integer':
    case 'Decimal':
    case 'Currency': {
      if (!value) return ok(null);
      const n = normalizeNumber(value, locale);
      if (n === undefined) return fail('not_a_number');
      if (field.type === 'Integer') {
        if (n.includes('.')) return fail('not_whole');
        if (Math.abs(Number(n)) >= INT32) return fail('out_of_range');
      } else if (Math.abs(Number(n)) >= 1e15) return fail('out_of_range');
      return ok(n);
    }
    case 'Boolean': {
      if (typeof input.value === 'boolean') return ok(String(input.value));
      if (!value) return ok(null);
      if (YES.includes(value.toLowerCase())) return ok('true');
      if (NO.includes(value.toLowerCase())) return ok('false');
      return fail('not_yes_no');
    }
    case 'DateTime': {
      const time = text(input.time);
      if (!value) return time ? fail('not_a_date') : ok(null);
      if (time && !/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(time)) return fail('not_a_time');
      const instant = toInstant(value, time.slice(0, 5) || '00:00');
      return instant ? ok(instant) : fail('not_a_date');
    }
    case 'List': {
      const typed = text(input.newValue);
      const chosen = typed || value;
      if (!chosen) return ok(null);
      const known = field.listValues.find((v) => v.toLowerCase() === chosen.toLowerCase());
      if (known) return ok(known);
      if (!field.allowNew) return fail('not_in_list');
      return chosen.length > 255 ? fail('too_long') : ok(chosen);
    }
  }
}

export type RuleOutcome = 'show' | 'hide' | 'unknown';

const SIMPLE_EQUALITY = /^(?:(?:==?|eq)\s*)?(?:'((?:[^']|'')*)'|"([^"]*)"|([^\s'"<>!=()]+))$/i;

function sameValue(actual: string | null | undefined, expected: string): boolean {
  const a = (actual ?? '').trim().toLowerCase();
  const e = expected.trim().toLowerCase();
  if (e === 'null' || e === '') return a === '';
  const truth = (v: string) => (YES.includes(v) ? 'true' : NO.includes(v) ? 'false' : v);
  return truth(a) === truth(e);
}

/**
 * The simple rules (`value`, `'value'`, `= value`, `== value`, `eq 'value'`) against the rule field's value; any
 * other expression, or a rule naming an unknown field, is 'unknown' and the field is shown.
 */
export function evaluateRule(
  field: CustomFieldDefinition,
  fields: CustomFieldDefinition[],
  values: CustomFieldValues,
): RuleOutcome {
  if (!field.rule) return 'show';
  const target = fields.find((f) => f.column === field.rule!.field || f.label === field.rule!.field);
  const match = SIMPLE_EQUALITY.exec(field.rule.expression.trim());
  if (!target || !match || !(target.column in values)) return 'unknown';
  const expected = match[1]?.replace(/''/g, "'") ?? match[2] ?? match[3] ?? '';
  return sameValue(values[target.column], expected) ? 'show' : 'hide';
}

/** Columns a card must read to show these fields: the fields and the fields their rules look at. */
export function columnsToRead(fields: CustomFieldDefinition[]): string[] {
  const columns = new Set(fields.map((f) => f.column));
  for (const f of fields) {
    const target = f.rule && fields.find((g) => g.column === f.rule!.field || g.label === f.rule!.field);
    if (target) columns.add(target.column);
  }
  return [...columns];
}
