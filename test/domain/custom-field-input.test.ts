/** Custom field input rules and formatting: numbers in both languages, types, display rules. */
import { describe, expect, it } from 'vitest';
import { formatCustomValue } from '../../shared/cards/custom-field-format';
import { fromDateTimeInput } from '../../shared/cards/format';
import { evaluateRule, normalizeNumber, parseCustomInput } from '../../shared/domain/custom-field-input';
import type { CustomFieldDefinition } from '../../shared/inloox/custom-field-types';

function field(type: CustomFieldDefinition['type'], extra: Partial<CustomFieldDefinition> = {}): CustomFieldDefinition {
  return {
    id: 'x',
    column: 'X',
    label: 'X',
    table: 'Project',
    type,
    position: 0,
    writeProtected: false,
    warnIfEmpty: false,
    allowNew: false,
    listValues: [],
    ...extra,
  };
}
const toInstant = (d: string, t: string) => fromDateTimeInput(d, t, 'Europe/Berlin');
const parse = (f: CustomFieldDefinition, value: unknown, locale: 'en' | 'de' = 'en', more = {}) =>
  parseCustomInput(f, { value, ...more }, locale, toInstant);

describe('numbers as people write them', () => {
  it.each([
    ['1.234,5', 'de', '1234.5'],
    ['1234,50', 'de', '1234.5'],
    ['12.5', 'de', '12.5'],
    ['1,234.5', 'en', '1234.5'],
    ['-0,0', 'de', '0'],
    ['007', 'en', '7'],
    [' 1 234,5 ', 'de', '1234.5'],
  ] as const)('%s (%s) is %s', (text, locale, expected) => {
    expect(normalizeNumber(text, locale)).toBe(expected);
  });

  it.each([
    ['1,5', 'en'],
    ['1.234.5', 'de'],
    ['1.2,3.4', 'de'],
    ['abc', 'en'],
    ['1e5', 'en'],
  ] as const)('refuses %s (%s)', (text, locale) => {
    expect(normalizeNumber(text, locale)).toBeUndefined();
  });
});

describe('parseCustomInput', () => {
  it('checks each type and names the problem', () => {
    expect(parse(field('Integer'), '2,5', 'de')).toEqual({ ok: false, problem: 'not_whole' });
    expect(parse(field('Integer'), '3000000000')).toEqual({ ok: false, problem: 'out_of_range' });
    expect(parse(field('Integer'), '')).toEqual({ ok: true, value: null });
    expect(parse(field('Decimal'), '2,5', 'de')).toEqual({ ok: true, value: '2.5' });
    expect(parse(field('Currency'), 'ten')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(parse(field('Boolean'), 'ja', 'de')).toEqual({ ok: true, value: 'true' });
    expect(parse(field('Boolean'), 'maybe')).toEqual({ ok: false, problem: 'not_yes_no' });
    expect(parse(field('String'), 'x'.repeat(4001))).toEqual({ ok: false, problem: 'too_long' });
    expect(parse(field('String'), '  ')).toEqual({ ok: true, value: null });
  });

  it('combines date and time in the person time zone', () => {
    expect(parse(field('DateTime'), '2026-07-01', 'en', { time: '09:15' })).toEqual({
      ok: true,
      value: '2026-07-01T07:15:00Z',
    });
    expect(parse(field('DateTime'), '2026-01-01')).toEqual({ ok: true, value: '2025-12-31T23:00:00Z' });
    expect(parse(field('DateTime'), '2026-02-30')).toEqual({ ok: false, problem: 'not_a_date' });
    expect(parse(field('DateTime'), '2026-02-03', 'en', { time: '25:00' })).toEqual({
      ok: false,
      problem: 'not_a_time',
    });
    expect(parse(field('DateTime'), '', 'en', { time: '10:00' })).toEqual({ ok: false, problem: 'not_a_date' });
  });

  it('takes list values case-insensitively as listed, and new ones only where allowed', () => {
    const list = field('List', { listValues: ['Low', 'High'] });
    expect(parse(list, 'high')).toEqual({ ok: true, value: 'High' });
    expect(parse(list, 'Mid')).toEqual({ ok: false, problem: 'not_in_list' });
    expect(parse({ ...list, allowNew: true }, 'Low', 'en', { newValue: 'Mid' })).toEqual({ ok: true, value: 'Mid' });
  });
});

describe('display rules', () => {
  const signed = field('Boolean', { column: 'Signed' });
  const number = field('String', { column: 'No', rule: { field: 'Signed', expression: '' } });
  const rule = (expression: string, value: string | null) =>
    evaluateRule({ ...number, rule: { field: 'Signed', expression } }, [signed, number], { Signed: value, No: null });

  it('honours simple equality', () => {
    expect(rule('true', 'true')).toBe('show');
    expect(rule("= 'true'", 'false')).toBe('hide');
    expect(rule("eq 'True'", 'true')).toBe('show');
    expect(rule('== yes', 'true')).toBe('show');
    expect(rule('null', null)).toBe('show');
  });

  it('cannot evaluate anything else, nor a rule on an unknown field', () => {
    expect(rule('> 5', 'true')).toBe('unknown');
    expect(rule("ne 'x'", 'true')).toBe('unknown');
    expect(rule("'a' or 'b'", 'true')).toBe('unknown');
    expect(
      evaluateRule({ ...number, rule: { field: 'Gone', expression: 'x' } }, [signed, number], { Signed: 'true' }),
    ).toBe('unknown');
  });
});

describe('formatCustomValue', () => {
  const en = { locale: 'en' as const, timeZone: 'Europe/Berlin' };
  const de = { locale: 'de' as const, timeZone: 'Europe/Berlin' };
  it('formats by type and language', () => {
    const money = field('Currency', { currencySymbol: '€' });
    expect(formatCustomValue(money, '1234.5', en)).toBe('€1,234.50');
    expect(formatCustomValue(money, '1234.5', de)).toBe('1.234,50 €');
    expect(formatCustomValue(field('Currency', { currencySymbol: 'CHF' }), '3', en)).toBe('3.00 CHF');
    expect(formatCustomValue(field('Decimal'), '0.125', de)).toBe('0,125');
    expect(formatCustomValue(field('Integer'), '12000', de)).toBe('12.000');
    expect(formatCustomValue(field('Boolean'), 'True', de)).toBe('Ja');
    expect(formatCustomValue(field('Boolean'), 'false', en)).toBe('No');
    expect(formatCustomValue(field('DateTime'), '2026-01-11T23:00:00Z', de)).toBe('12.01.2026');
    expect(formatCustomValue(field('DateTime'), '2026-01-12T08:30:00Z', en)).toBe('12 Jan 2026, 09:30');
    expect(formatCustomValue(field('String'), null, en)).toBe('');
  });
});
