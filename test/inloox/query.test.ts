import { defaultParser } from '@odata/parser';
import { describe, expect, it } from 'vitest';
import { InLooxError } from '../../shared/inloox/errors';
import {
  and,
  buildQuery,
  containsText,
  dateTimeLiteral,
  entityPath,
  eq,
  guidLiteral,
  lit,
  or,
  stringLiteral,
} from '../../shared/inloox/query';

const GUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

interface Node {
  type: string;
  raw: string;
  value: unknown;
}

/** Parses a filter with an independent OData parser and returns the top node. */
function parseFilter(filter: string): Node {
  return defaultParser.filter(filter) as unknown as Node;
}

function expectValidationField(run: () => unknown, field: string) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InLooxError);
    expect((error as InLooxError).kind).toBe('validation');
    expect((error as InLooxError).details.field).toBe(field);
    return;
  }
  throw new Error('expected a validation error');
}

describe('OData literals', () => {
  it("doubles single quotes in strings (O'Brien)", () => {
    expect(stringLiteral("O'Brien")).toBe("'O''Brien'");
  });

  it.each([
    "') or true or ('",
    "O'Brien",
    "'; DROP TABLE x; --",
    "a'' or ''b",
    "'",
    "''",
    'plain text & co',
    'ümlaut ß',
  ])('keeps %j one string literal inside contains()', (text) => {
    const filter = containsText('Name', text).odata;
    const node = parseFilter(filter);
    // The whole filter must be a single method call, not an "or" expression smuggled in by the text.
    expect(node.type).toBe('MethodCallExpression');
    const call = node.value as { method: string; parameters: Node[] };
    expect(call.method).toBe('contains');
    expect(call.parameters).toHaveLength(2);
    const literal = call.parameters[1]!;
    expect(literal.type).toBe('Literal');
    expect(literal.raw.slice(1, -1).replace(/''/g, "'")).toBe(text.toLowerCase());
  });

  it('writes guids unquoted and lowercase, and rejects anything else', () => {
    expect(guidLiteral(GUID.toUpperCase())).toBe(GUID);
    expectValidationField(() => guidLiteral("3fa85f64' or 1 eq 1 or '", 'projectId'), 'projectId');
    expectValidationField(() => guidLiteral('', 'taskId'), 'taskId');
    expectValidationField(() => eq('ProjectId', lit.guid('not-a-guid')), 'ProjectId');
  });

  it('validates DateTimeOffset literals (offset required)', () => {
    expect(dateTimeLiteral('2025-04-01T09:00:00Z')).toBe('2025-04-01T09:00:00Z');
    expect(dateTimeLiteral('2025-04-01T09:00:00.123+02:00')).toBe('2025-04-01T09:00:00.123+02:00');
    expect(dateTimeLiteral(new Date(Date.UTC(2025, 0, 2)))).toBe('2025-01-02T00:00:00.000Z');
    expectValidationField(() => dateTimeLiteral('2025-04-01', 'EndDate'), 'EndDate');
    expectValidationField(() => dateTimeLiteral('2025-04-01T09:00:00', 'EndDate'), 'EndDate');
    expectValidationField(() => dateTimeLiteral("2025-04-01T09:00:00Z' or true", 'EndDate'), 'EndDate');
    expectValidationField(() => dateTimeLiteral(new Date('nonsense'), 'StartDate'), 'StartDate');
  });

  it('rejects property names that are not identifiers', () => {
    expectValidationField(() => eq('Name) or (true', lit.string('x')), 'Name) or (true');
    expectValidationField(() => buildQuery({ select: ['Name', 'x,y'] }), 'x,y');
    expectValidationField(() => entityPath('Project/../Task', GUID), 'Project/../Task');
  });
});

describe('buildQuery', () => {
  it('builds $filter, $orderby, $select, $top and $skip, URL-encoded', () => {
    const filter = and(eq('ProjectId', lit.guid(GUID)), eq('IsDone', lit.boolean(false)), containsText('Name', 'a&b'));
    const query = buildQuery({
      filter,
      orderBy: [{ field: 'EndDateTime' }, { field: 'Name', direction: 'desc' }],
      select: ['TaskItemId', 'Name'],
      top: 50,
      skip: 100,
    });
    const params = new Map(
      query
        .slice(1)
        .split('&')
        .map((part) => {
          const [name, value] = part.split('=');
          return [name!, decodeURIComponent(value!)];
        }),
    );
    expect(params.get('$filter')).toBe(
      `(ProjectId eq ${GUID}) and (IsDone eq false) and (contains(tolower(Name),'a&b'))`,
    );
    expect(params.get('$orderby')).toBe('EndDateTime,Name desc');
    expect(params.get('$select')).toBe('TaskItemId,Name');
    expect(params.get('$top')).toBe('50');
    expect(params.get('$skip')).toBe('100');
    // "&" inside the text must not split the query string.
    expect(query.split('&')).toHaveLength(5);
    expect(parseFilter(params.get('$filter')!).type).toBe('AndExpression');
  });

  it('is empty without options and omits undefined filters', () => {
    expect(buildQuery()).toBe('');
    expect(and(undefined, undefined)).toBeUndefined();
    expect(or(undefined, eq('Name', lit.string('x')))?.odata).toBe("Name eq 'x'");
  });

  it('rejects negative or fractional $top/$skip', () => {
    expectValidationField(() => buildQuery({ top: -1 }), 'top');
    expectValidationField(() => buildQuery({ skip: 1.5 }), 'skip');
  });

  it('builds entity paths with a validated key', () => {
    expect(entityPath('Project', GUID)).toBe(`Project(${GUID})`);
    expectValidationField(() => entityPath('Task', '1 or 1', 'taskId'), 'taskId');
  });
});
