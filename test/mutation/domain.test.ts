/** The shared domain rules on their own: date ranges, GUIDs and how zod issues become domain issues. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dateRange, endNotBeforeStart, isGuid, LIMITS, nameSchema, validationIssues } from '../../shared/domain';

describe('endNotBeforeStart', () => {
  it('passes same-day and later ends, fails an earlier end', () => {
    expect(endNotBeforeStart('2026-05-04', '2026-05-04')).toBe(true);
    expect(endNotBeforeStart('2026-05-04T10:00:00Z', '2026-05-04T10:00:00Z')).toBe(true);
    expect(endNotBeforeStart('2026-05-04', '2026-05-05')).toBe(true);
    expect(endNotBeforeStart('2026-05-04', '2026-05-03')).toBe(false);
  });

  it('leaves a missing or unreadable side to other rules', () => {
    expect(endNotBeforeStart('2026-05-04', undefined)).toBe(true);
    expect(endNotBeforeStart(null, '2026-05-03')).toBe(true);
    expect(endNotBeforeStart('', '2026-05-03')).toBe(true);
    expect(endNotBeforeStart('2026-05-04', 'soon')).toBe(true);
    expect(endNotBeforeStart('someday', '2026-05-03')).toBe(true);
  });
});

describe('dateRange', () => {
  const schema = z.object({ from: z.unknown(), to: z.unknown() }).superRefine(dateRange('from', 'to'));

  it('flags the end field only when both are strings and the end is earlier', () => {
    const failed = schema.safeParse({ from: '2026-05-04', to: '2026-05-03' });
    expect(failed.success).toBe(false);
    expect(validationIssues(failed.error!)).toEqual([{ code: 'end_before_start', field: 'to' }]);
    expect(schema.safeParse({ from: '2026-05-04', to: '2026-05-04' }).success).toBe(true);
    expect(schema.safeParse({ from: 20260504, to: '2026-05-03' }).success).toBe(true);
    expect(schema.safeParse({ from: '2026-05-04', to: 20260503 }).success).toBe(true);
  });

  it('leaves a date that is not text to the field type, even one Date.parse would read as a year', () => {
    expect(schema.safeParse({ from: 2026, to: '2025-05-03' }).success).toBe(true);
    expect(schema.safeParse({ from: '2026-05-04', to: 2025 }).success).toBe(true);
    expect(schema.safeParse({ from: 2026, to: 2025 }).success).toBe(true);
  });
});

describe('validationIssues', () => {
  it('joins nested paths with dots and carries the crossed maximum', () => {
    const schema = z.object({ task: z.object({ name: nameSchema }) });
    const result = schema.safeParse({ task: { name: 'n'.repeat(LIMITS.name + 1) } });
    expect(validationIssues(result.error!)).toEqual([{ code: 'name_too_long', field: 'task.name', max: LIMITS.name }]);
    const required = schema.safeParse({ task: { name: ' ' } });
    expect(validationIssues(required.error!)).toEqual([{ code: 'name_required', field: 'task.name' }]);
    const foreign = z.string().min(3, 'too short').safeParse('ab');
    expect(validationIssues(foreign.error!)).toEqual([{ code: undefined, field: '' }]);
  });
});

describe('isGuid', () => {
  it('accepts only strings in the 8-4-4-4-12 form', () => {
    const guid = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    expect(isGuid(guid)).toBe(true);
    expect(isGuid(guid.toUpperCase())).toBe(true);
    expect(isGuid({ toString: () => guid })).toBe(false);
    expect(isGuid(`${guid}0`)).toBe(false);
  });
});
