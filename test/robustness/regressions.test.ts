/** Bugs the robustness suites found, pinned down one by one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQuery, containsText, eq, lit, or } from '../../shared/inloox/query';
import { cardText, cardsOf } from '../bot/harness';
import { startRobustHarness, type Person, type RobustHarness } from './harness';
import { filterOf, parsesAsOData, skeleton, stringLiterals } from './odata-filters';

// One product for the whole file: each regression below only reads or is refused, so none changes what another sees.
let h: RobustHarness;
let ben: Person;
beforeAll(async () => {
  h = await startRobustHarness();
  ben = h.newPerson('Ben');
  await h.services.connections.connect(ben, 'demo-key-ben');
});
afterAll(async () => h?.close());

describe('a lone UTF-16 surrogate in search text', () => {
  it('is encoded as U+FFFD instead of making the query builder throw', () => {
    const query = buildQuery({ filter: containsText('Name', 'web\ud800site') });
    expect(query).toBe(`?$filter=${encodeURIComponent("contains(tolower(Name),'web\ufffdsite')")}`);
    expect(buildQuery({ filter: containsText('Name', '\udfff👩‍👩‍👧') })).toContain(encodeURIComponent('\ufffd👩‍👩‍👧'));
  });

  it('gets an ordinary answer from the bot, not the unexpected-error card', async () => {
    for (const text of ['projects web\ud800', 'tasks \udfff', 'project \ud800x']) {
      const answer = await h.message(ben, text);
      expect(answer.status).toBe(200);
      const card = cardsOf(answer.activities)[0];
      expect(cardText(card)).not.toContain('An unexpected error occurred');
    }
    const search = await h.postActivity(
      h.activity(ben, 'invoke', { name: 'application/search', value: { queryText: '\ud800', dataset: 'projects' } }),
    );
    expect(search.status).toBe(200);
    expect(search.body.statusCode).toBe(200);
  });
});

describe('the $filter check of the bad-input suite can fail', () => {
  const logged = (filter: string) => ({
    method: 'GET',
    url: `/api/odata/Project?$filter=${encodeURIComponent(filter)}&$top=15`,
    status: 200,
    timestamp: 0,
  });
  const benign = filterOf(logged(containsText('Name', 'abc').odata))!;

  it('accepts the escaped injection: same shape as a benign search, text only in a literal', () => {
    const escaped = containsText('Name', "') or true or ('").odata;
    const filter = filterOf(logged(escaped))!;
    expect(parsesAsOData(filter.raw)).toBe(true);
    expect(skeleton(filter.decoded)).toBe(skeleton(benign.decoded));
    expect(stringLiterals(filter.decoded)).toEqual(["') or true or ('"]);
  });

  it('flags the same text pasted in unescaped: a different shape, and "true" outside any literal', () => {
    const unescaped = "contains(tolower(Name),'') or true or ('')";
    const filter = filterOf(logged(unescaped))!;
    expect(parsesAsOData(filter.raw)).toBe(true);
    expect(skeleton(filter.decoded)).not.toBe(skeleton(benign.decoded));
    expect(stringLiterals(filter.decoded)).not.toContain("') or true or ('");
  });

  it('gives the id-set lookup one shape whatever the number of ids, and only that lookup', () => {
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `3fa85f64-5717-4562-b3fc-2c963f66af${String(i).padStart(2, '0')}`);
    const lookup = (n: number) => or(...ids(n).map((id) => eq('ProjectId', lit.guid(id))))!.odata;
    const shapes = [1, 2, 3, 5, 25].map((n) => {
      const filter = filterOf(logged(lookup(n)))!;
      expect(parsesAsOData(filter.raw)).toBe(true);
      return skeleton(filter.decoded);
    });
    expect(new Set(shapes)).toEqual(new Set(['ProjectId eq GUID']));
    // Different terms are not merged, the rest of the expression stays, and terms holding user text never merge.
    const [a, b] = ids(2);
    expect(skeleton(`(ProjectId eq ${a}) or (TaskItemId eq ${b})`)).toBe('(ProjectId eq GUID) or (TaskItemId eq GUID)');
    expect(skeleton(`(ProjectId eq ${a}) or (ProjectId eq ${b}) or true`)).toBe('(ProjectId eq GUID) or true');
    expect(skeleton("(Name eq 'a') or (Name eq 'b')")).toBe("(Name eq '') or (Name eq '')");
  });

  it('flags a filter broken by a stray quote as not OData', () => {
    expect(parsesAsOData(encodeURIComponent("contains(tolower(Name),'O'Brien')"))).toBe(false);
  });
});

describe('a malformed percent escape in an add-in path', () => {
  // Fuzz seeds 1 and 1036826484: express answered its HTML error page with the URIError's stack trace.
  it.each(['/tasks/%ED%A0%80/notes', '/tasks/%E0%A4%A/notes', '/tasks/%/notes'])(
    'POST %s answers the JSON error, no HTML and no stack trace',
    async (path) => {
      const answer = await h.addin('POST', path, { person: ben, body: { html: 'note' } });
      expect(answer.status).toBe(400);
      expect(answer.text).not.toMatch(/<html|URIError|\bat [\w.<>]+ \(/i);
      expect(typeof answer.body?.error?.message).toBe('string');
    },
  );
});
