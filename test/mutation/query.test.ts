/** The OData builder's literal kinds, combinators and refusals, with the field and reason each refusal names. */
import { describe, expect, it } from 'vitest';
import { InLooxError } from '../../shared/inloox/errors';
import {
  and,
  buildQuery,
  dateTimeLiteral,
  entityPath,
  eq,
  guidLiteral,
  isDateTimeOffset,
  lit,
  ne,
  not,
  or,
  stringLiteral,
} from '../../shared/inloox/query';

const GUID = '3FA85F64-5717-4562-B3FC-2C963F66AFA6';

function refusal(run: () => unknown): { kind: string; field?: string; detail?: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InLooxError);
    const { kind, details } = error as InLooxError;
    return { kind, field: details.field, detail: details.detail };
  }
  throw new Error('expected a refusal');
}

describe('literals', () => {
  it('writes each literal kind in its OData form', () => {
    expect(eq('Due', lit.date('2026-05-04T10:00:00+02:00')).odata).toBe('Due eq 2026-05-04T10:00:00+02:00');
    expect(eq('Due', lit.date(new Date(Date.UTC(2026, 4, 4)))).odata).toBe('Due eq 2026-05-04T00:00:00.000Z');
    expect(eq('Work', lit.number(2.5)).odata).toBe('Work eq 2.5');
    expect(eq('Done', lit.boolean(true)).odata).toBe('Done eq true');
    expect(eq('Done', lit.boolean(false)).odata).toBe('Done eq false');
    expect(ne('ProjectId', lit.null()).odata).toBe('ProjectId ne null');
    expect(eq('Id', lit.guid(GUID)).odata).toBe(`Id eq ${GUID.toLowerCase()}`);
  });

  it('names the field and the reason of every refused literal', () => {
    expect(refusal(() => eq('Work', lit.number(Number.NaN)))).toEqual({
      kind: 'validation',
      field: 'Work',
      detail: 'not a number',
    });
    expect(refusal(() => eq('Work', lit.number(Number.POSITIVE_INFINITY))).detail).toBe('not a number');
    expect(refusal(() => eq('Due', lit.date(new Date(Number.NaN))))).toEqual({
      kind: 'validation',
      field: 'Due',
      detail: 'invalid date',
    });
    expect(refusal(() => eq('Due', lit.date('2026-05-04')))).toEqual({
      kind: 'validation',
      field: 'Due',
      detail: 'not an ISO 8601 date-time with offset',
    });
    expect(refusal(() => eq('ContactId', lit.guid('x')))).toEqual({
      kind: 'validation',
      field: 'ContactId',
      detail: 'not a GUID',
    });
    expect(refusal(() => eq('bad name', lit.null()))).toEqual({
      kind: 'validation',
      field: 'bad name',
      detail: 'not an OData property name',
    });
    expect(refusal(() => stringLiteral(42 as unknown as string))).toEqual({
      kind: 'validation',
      field: undefined,
      detail: 'string literal expected',
    });
  });

  it('names "id" and "date" when no field is given', () => {
    expect(refusal(() => guidLiteral('x')).field).toBe('id');
    expect(refusal(() => dateTimeLiteral('x')).field).toBe('date');
    expect(refusal(() => entityPath('Project', 'x')).field).toBe('id');
    expect(refusal(() => entityPath('Project', 'x', 'projectId')).field).toBe('projectId');
  });

  it('accepts only real strings as date-times', () => {
    expect(isDateTimeOffset('2026-05-04T10:00Z')).toBe(true);
    expect(isDateTimeOffset({ toString: () => '2026-05-04T10:00Z' })).toBe(false);
  });
});

describe('combinators', () => {
  const a = eq('A', lit.number(1));
  const b = eq('B', lit.number(2));

  it('or: nothing for none, the filter itself for one, parenthesised terms for more', () => {
    expect(or()).toBeUndefined();
    expect(or(undefined, undefined)).toBeUndefined();
    expect(or(a)).toBe(a);
    expect(or(undefined, b)).toBe(b);
    expect(or(a, b)?.odata).toBe('(A eq 1) or (B eq 2)');
  });

  it('and: the filter itself for one, parenthesised terms for more', () => {
    expect(and(a, undefined)).toBe(a);
    expect(and(a, b)?.odata).toBe('(A eq 1) and (B eq 2)');
  });

  it('not wraps the whole expression', () => {
    expect(not(or(a, b)!).odata).toBe('not ((A eq 1) or (B eq 2))');
  });
});

describe('buildQuery', () => {
  it('leaves out empty ordering and selection, and accepts zero for $top and $skip', () => {
    expect(buildQuery({ orderBy: [], select: [] })).toBe('');
    expect(buildQuery({ top: 0, skip: 0 })).toBe('?$top=0&$skip=0');
    expect(buildQuery({ orderBy: [{ field: 'Name' }, { field: 'Due', direction: 'desc' }] })).toBe(
      '?$orderby=Name%2CDue%20desc',
    );
    expect(buildQuery({ select: ['Name', 'Id'] })).toBe('?$select=Name,Id');
  });

  it('names $top or $skip when refusing a count', () => {
    expect(refusal(() => buildQuery({ top: -1 }))).toEqual({
      kind: 'validation',
      field: 'top',
      detail: 'must be a whole number >= 0',
    });
    expect(refusal(() => buildQuery({ skip: 1.5 })).field).toBe('skip');
  });

  it('writes a lone surrogate as U+FFFD instead of failing', () => {
    expect(buildQuery({ filter: eq('Name', lit.string('a\uD800b')) })).toBe(`?$filter=Name%20eq%20'a%EF%BF%BDb'`);
    expect(buildQuery({ filter: eq('Name', lit.string('\uDC00')) })).toBe(`?$filter=Name%20eq%20'%EF%BF%BD'`);
    expect(buildQuery({ filter: eq('Name', lit.string('😀')) })).toBe(`?$filter=Name%20eq%20'%F0%9F%98%80'`);
  });
});
