import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

let h: Harness;
const KEY = 'query-key';

/** 12 projects with known values, in an account without seed data. */
const NAMES = [
  "O'Brien Roadmap",
  'Alpha',
  'alpha lowercase',
  'Beta',
  'Gamma',
  'Delta',
  'Epsilon',
  'Zeta',
  'Eta',
  'Theta',
  'Iota',
  'Kappa',
];

beforeAll(async () => {
  h = await startSandbox({ keys: [KEY], seed: false });
  for (let i = 0; i < NAMES.length; i++) {
    const response = await h.call('Project', {
      method: 'POST',
      json: {
        Name: NAMES[i],
        Priority: i % 3,
        StartDate: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
        EndDate: `2026-12-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
        DescriptionHTML: i % 2 === 0 ? `<p>Project ${i}</p>` : null,
      },
    });
    expect(response.status).toBe(201);
  }
});
afterAll(async () => {
  await h.close();
});

async function names(query: string): Promise<string[]> {
  const { status, body } = await h.json<Collection>(`Project?${query}`);
  expect(status, query).toBe(200);
  return body.value.map((p) => p.Name as string);
}

async function rejects(query: string, message?: RegExp): Promise<void> {
  const { status, body } = await h.json<ODataErrorBody>(`Project?${query}`);
  expect(status, query).toBe(400);
  expect(body.error.code, query).toEqual(expect.any(String));
  if (message) expect(body.error.message, query).toMatch(message);
}

const q = encodeURIComponent;

describe('$filter', () => {
  it('compares with eq, ne, gt, ge, lt, le', async () => {
    expect(await names(`$filter=${q("Name eq 'Beta'")}`)).toEqual(['Beta']);
    expect((await names(`$filter=${q("Name ne 'Beta'")}`)).length).toBe(11);
    expect((await names(`$filter=${q('Priority gt 1')}`)).length).toBe(4);
    expect((await names(`$filter=${q('Priority ge 1')}`)).length).toBe(8);
    expect((await names(`$filter=${q('Priority lt 1')}`)).length).toBe(4);
    expect((await names(`$filter=${q('Priority le 1')}`)).length).toBe(8);
  });

  it('combines with and, or, not and parentheses', async () => {
    expect(await names(`$filter=${q("(Name eq 'Beta' or Name eq 'Gamma') and Priority eq 0")}&$orderby=Name`)).toEqual([
      'Beta',
    ]);
    expect(await names(`$filter=${q("(Name eq 'Beta' or Name eq 'Gamma') and Priority ge 0")}&$orderby=Name`)).toEqual([
      'Beta',
      'Gamma',
    ]);
    // and binds tighter than or
    expect(await names(`$filter=${q("Name eq 'Gamma' or Name eq 'Beta' and Priority eq 2")}`)).toEqual(['Gamma']);
    expect(await names(`$filter=${q("(Name eq 'Gamma' or Name eq 'Beta') and Priority eq 2")}`)).toEqual([]);
    expect((await names(`$filter=${q("not (Name eq 'Beta')")}`)).length).toBe(11);
    expect((await names(`$filter=${q("not startswith(Name,'A')")}`)).length).toBe(11);
  });

  it('supports contains, startswith, endswith, tolower, toupper (case-sensitive unless lowered)', async () => {
    expect(await names(`$filter=${q("contains(Name,'lpha')")}&$orderby=Name`)).toEqual(['Alpha', 'alpha lowercase']);
    expect(await names(`$filter=${q("startswith(Name,'alpha')")}`)).toEqual(['alpha lowercase']);
    expect(await names(`$filter=${q("startswith(tolower(Name),'alpha')")}&$orderby=Name`)).toEqual([
      'Alpha',
      'alpha lowercase',
    ]);
    expect(await names(`$filter=${q("toupper(Name) eq 'BETA'")}`)).toEqual(['Beta']);
    expect(await names(`$filter=${q("endswith(Name,'eta')")}&$orderby=Name`)).toEqual(['Beta', 'Theta', 'Zeta']);
  });

  it("reads string literals with '' escapes", async () => {
    expect(await names(`$filter=${q("Name eq 'O''Brien Roadmap'")}`)).toEqual(["O'Brien Roadmap"]);
    expect(await names(`$filter=${q("contains(Name,'''')")}`)).toEqual(["O'Brien Roadmap"]);
  });

  it('handles null, guid and datetimeoffset literals', async () => {
    expect((await names(`$filter=${q('DescriptionHTML eq null')}`)).length).toBe(6);
    expect((await names(`$filter=${q('DescriptionHTML ne null')}`)).length).toBe(6);
    const { body } = await h.json<Collection>(`Project?$filter=${q("Name eq 'Gamma'")}`);
    const id = body.value[0]!.ProjectId as string;
    expect(await names(`$filter=${q(`ProjectId eq ${id}`)}`)).toEqual(['Gamma']);
    expect(await names(`$filter=${q(`ProjectId eq ${id.toUpperCase()}`)}`)).toEqual(['Gamma']);
    expect(await names(`$filter=${q('StartDate lt 2026-01-03T00:00:00Z')}&$orderby=StartDate`)).toEqual([
      "O'Brien Roadmap",
      'Alpha',
    ]);
    expect(await names(`$filter=${q('StartDate ge 2026-01-12T01:00:00+02:00')}`)).toEqual(['Kappa']);
  });

  it('decodes + as a space like ASP.NET Core', async () => {
    expect(await names("$filter=Name+eq+'Beta'")).toEqual(['Beta']);
  });

  it('rejects malformed and unsupported filters with 400', async () => {
    await rejects(`$filter=${q('Name eq')}`, /malformed/);
    await rejects(`$filter=${q("Name eq 'unterminated")}`, /malformed/);
    await rejects(`$filter=${q("Name eq 'x' garbage")}`, /malformed/);
    await rejects(`$filter=${q("Nme eq 'x'")}`, /Nme/);
    await rejects(`$filter=${q("name eq 'x'")}`, /name/);
    await rejects(`$filter=${q("ProjectId eq '3fa85f64-5717-4562-b3fc-2c963f66afa6'")}`, /incompatible/);
    await rejects(`$filter=${q("Priority eq '1'")}`, /incompatible/);
    await rejects(`$filter=${q('length(Name) gt 3')}`, /length/);
    await rejects(`$filter=${q('Name')}`, /boolean/);
    await rejects(`$filter=${q("Name/Foo eq 'x'")}`, /path/);
    await rejects(`$filter=${q('(Priority add 1) eq 2')}`, /not supported/);
    await rejects(`$filter=${q("contains(Priority,'1')")}`, /string/);
    await rejects(`$filter=`, /empty/);
    await rejects(`$filter=${q("startswith(Name,'A') eq true")}`, /malformed/);
    await rejects(`$filter=${q("Name in ('Alpha','Beta')")}`, /malformed/);
    // + decodes to a space, so an unencoded offset is malformed, as on the real service
    await rejects('$filter=StartDate lt 2026-01-03T00:00:00+02:00'.replace(/ /g, '%20'), /malformed/);
  });
});

describe('$orderby, $top, $skip, $select, $count', () => {
  it('orders by several keys asc/desc', async () => {
    const { body } = await h.json<Collection>('Project?$orderby=Priority desc,Name asc&$select=Name,Priority');
    const rows = body.value.map((p) => `${p.Priority as number}:${p.Name as string}`);
    expect(rows.slice(0, 4)).toEqual(['2:Delta', '2:Eta', '2:Kappa', '2:alpha lowercase']);
    expect(rows.at(-1)).toBe('0:Theta');
    expect(await names('$orderby=Name desc&$top=2')).toEqual(['alpha lowercase', 'Zeta']);
  });

  it('pages with $top and $skip', async () => {
    expect(await names('$orderby=StartDate&$top=3&$skip=2')).toEqual(['alpha lowercase', 'Beta', 'Gamma']);
    expect(await names('$orderby=StartDate&$skip=11')).toEqual(['Kappa']);
    expect(await names('$orderby=StartDate&$skip=50')).toEqual([]);
    expect(await names('$top=0')).toEqual([]);
  });

  it('selects properties and names them in the context URL', async () => {
    const { body } = await h.json<Collection>('Project?$select=Name,Priority&$top=1&$orderby=Name');
    expect(body['@odata.context']).toBe(`${h.running.baseUrl}$metadata#Project(Name,Priority)`);
    expect(body.value[0]).toEqual({ Name: 'Alpha', Priority: 1 });
    const one = await h.json(
      `Project(${(await h.json<Collection>('Project?$top=1')).body.value[0]!.ProjectId as string})?$select=Name`,
    );
    expect(Object.keys(one.body).sort()).toEqual(['@odata.context', 'Name']);
  });

  it('counts the filtered total with $count=true', async () => {
    const { body } = await h.json<Collection>(`Project?$count=true&$top=2&$filter=${q('Priority eq 2')}`);
    expect(body['@odata.count']).toBe(4);
    expect(body.value).toHaveLength(2);
    const without = await h.json<Collection>('Project?$count=false');
    expect(without.body).not.toHaveProperty('@odata.count');
  });

  it('rejects bad values and unsupported options with 400', async () => {
    await rejects('$top=-1', /non-negative/);
    await rejects('$top=abc', /non-negative/);
    await rejects('$top=1.5', /non-negative/);
    await rejects('$skip=x', /non-negative/);
    await rejects('$count=yes', /true or false/);
    await rejects('$select=Name,Nope', /Nope/);
    await rejects('$select=', /malformed/);
    await rejects('$orderby=Nope', /Nope/);
    await rejects('$orderby=Name sideways', /malformed/);
    await rejects('$expand=Tasks', /not supported/);
    await rejects('$search=x', /not supported/);
    await rejects('$foo=1', /not supported/);
    await rejects('top=1', /\$top/);
    await rejects('$top=1&$top=2', /more than once/);
  });
});
