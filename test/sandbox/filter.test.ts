import { describe, expect, it } from 'vitest';
import { ENTITY_SETS } from '../../sandbox/entities/registry';
import { compileFilter } from '../../sandbox/odata/filter';
import { parseQueryOptions, parseQueryString } from '../../sandbox/odata/options';
import { applyQuery } from '../../sandbox/odata/paging';

const task = ENTITY_SETS.get('Task')!.set;
const rows = [
  { TaskItemId: 'b0000000-0000-0000-0000-000000000002', Name: 'Zwei', EndDateTime: null, IsDone: false, WorkAmount: 2 },
  {
    TaskItemId: 'a0000000-0000-0000-0000-000000000001',
    Name: 'eins',
    EndDateTime: '2026-01-01T10:00:00Z',
    IsDone: true,
    WorkAmount: 1.5,
  },
  {
    TaskItemId: 'c0000000-0000-0000-0000-000000000003',
    Name: 'Drei',
    EndDateTime: '2026-01-02T00:00:00Z',
    IsDone: false,
    WorkAmount: 0,
  },
];

function matching(filter: string): string[] {
  const predicate = compileFilter(filter, task.lookup);
  return rows.filter(predicate).map((r) => r.Name);
}

describe('compileFilter', () => {
  it('treats null like C# (and EF Core): comparisons with null are false, negations true', () => {
    expect(matching('EndDateTime lt 2026-01-02T00:00:00Z')).toEqual(['eins']);
    expect(matching('not (EndDateTime lt 2026-01-02T00:00:00Z)')).toEqual(['Zwei', 'Drei']);
    expect(matching('EndDateTime eq null')).toEqual(['Zwei']);
    expect(matching('EndDateTime ne null')).toEqual(['eins', 'Drei']);
  });

  it('compares instants across offsets', () => {
    expect(matching('EndDateTime eq 2026-01-01T12:00:00+02:00')).toEqual(['eins']);
    expect(matching('EndDateTime gt 2026-01-01T12:00:00+02:00')).toEqual(['Drei']);
  });

  it('compares GUIDs without regard to case and numbers as numbers', () => {
    expect(matching('TaskItemId eq A0000000-0000-0000-0000-000000000001')).toEqual(['eins']);
    expect(matching('WorkAmount gt 1')).toEqual(['Zwei', 'eins']);
    expect(matching('WorkAmount eq 1.5')).toEqual(['eins']);
    expect(matching('IsDone')).toEqual(['eins']);
    expect(matching('IsDone eq false and WorkAmount le 0')).toEqual(['Drei']);
  });

  it('compares strings ordinally and case-sensitively', () => {
    expect(matching("Name gt 'Zwei'")).toEqual(['eins']);
    expect(matching("Name eq 'EINS'")).toEqual([]);
    expect(matching("toupper(Name) eq 'EINS'")).toEqual(['eins']);
  });

  it('rejects what it cannot answer correctly', () => {
    expect(() => compileFilter("EndDateTime lt '2026-01-01'", task.lookup)).toThrow(/incompatible/);
    expect(() => compileFilter('EndDateTime lt 2026-01-01', task.lookup)).toThrow(/Edm.Date/);
    expect(() => compileFilter('WorkAmount gt null', task.lookup)).toThrow(/null/);
    expect(() => compileFilter("substringof('a',Name)", task.lookup)).toThrow(/substringof/);
  });
});

describe('applyQuery', () => {
  it('orders nulls first ascending and last descending, then by key', () => {
    const options = parseQueryOptions(parseQueryString('$orderby=EndDateTime'), task.lookup);
    expect(applyQuery(rows, options, ['TaskItemId'], task.lookup).rows.map((r) => r.Name)).toEqual([
      'Zwei',
      'eins',
      'Drei',
    ]);
    const desc = parseQueryOptions(parseQueryString('$orderby=EndDateTime%20desc'), task.lookup);
    expect(applyQuery(rows, desc, ['TaskItemId'], task.lookup).rows.map((r) => r.Name)).toEqual([
      'Drei',
      'eins',
      'Zwei',
    ]);
    const none = parseQueryOptions(new Map(), task.lookup);
    expect(applyQuery(rows, none, ['TaskItemId'], task.lookup).rows.map((r) => r.Name)).toEqual([
      'eins',
      'Zwei',
      'Drei',
    ]);
  });

  it('reads the query string like ASP.NET Core and refuses a broken escape', () => {
    expect([...parseQueryString("$filter=Name+eq+'a%2Bb'&x")]).toEqual([
      ['$filter', "Name eq 'a+b'"],
      ['x', ''],
    ]);
    expect(() => parseQueryString('$filter=%E0%A4%A')).toThrow(/percent-encoded/);
  });
});
