/** The sandbox's bound project operations beyond CRUD, over HTTP: favorites per user, and function parameters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

const OWNER = 'demo-key-ben';
const COLLEAGUE = 'demo-key-jonas';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let h: Harness;
let projectId: string;

beforeAll(async () => {
  h = await startSandbox({ keys: [OWNER, COLLEAGUE] });
  const project = await h.json('Project', { method: 'POST', json: { Name: 'Actions project' } });
  projectId = project.body.ProjectId as string;
});
afterAll(async () => {
  await h.close();
});

const favorite = (key: string) => h.json(`Project(${projectId})?$select=IsFavorite`, { key });

describe('ToggleFavorite', () => {
  it('answers the new state as an Edm.Boolean value', async () => {
    const { status, body } = await h.json(`Project(${projectId})/ToggleFavorite(isFavorite=true)`);
    expect(status).toBe(200);
    expect(body).toEqual({ '@odata.context': expect.stringMatching(/\$metadata#Edm\.Boolean$/), value: true });
    expect((await favorite(OWNER)).body.IsFavorite).toBe(true);
  });

  it('is per user: a colleague of the same account sees the project but not the owner’s star', async () => {
    const colleague = h.sandbox.accounts.find((a) => a.apiKey === COLLEAGUE)!;
    const owner = h.sandbox.accounts.find((a) => a.apiKey === OWNER)!;
    expect(colleague.accountId).toBe(owner.accountId);
    expect(colleague.contactId).not.toBe(owner.contactId);
    expect((await favorite(COLLEAGUE)).body.IsFavorite).toBe(false);
    const me = await h.json<Collection>('UserInfo/Me()', { key: COLLEAGUE });
    expect(me.body.value[0]!.ContactId).toBe(colleague.contactId);

    await h.json(`Project(${projectId})/ToggleFavorite(isFavorite=true)`, { key: COLLEAGUE });
    await h.json(`Project(${projectId})/ToggleFavorite(isFavorite=false)`, { key: OWNER });
    expect((await favorite(COLLEAGUE)).body.IsFavorite).toBe(true);
    expect((await favorite(OWNER)).body.IsFavorite).toBe(false);
    const starred = await h.json<Collection>('Project?$filter=IsFavorite eq true&$select=ProjectId', { key: OWNER });
    expect(starred.body.value.map((p) => p.ProjectId)).not.toContain(projectId);
    expect(starred.body.value.length).toBeGreaterThan(0);
    const theirs = await h.json<Collection>('Project?$filter=IsFavorite eq true&$select=ProjectId', {
      key: COLLEAGUE,
    });
    expect(theirs.body.value.map((p) => p.ProjectId)).toEqual([projectId]);
  });

  it('refuses a missing or mistyped parameter, an unknown project, POST and parameters in the body', async () => {
    const cases: [string, RequestInit & { json?: unknown }, number][] = [
      [`Project(${projectId})/ToggleFavorite()`, {}, 400],
      [`Project(${projectId})/ToggleFavorite(isFavorite='yes')`, {}, 400],
      [`Project(${projectId})/ToggleFavorite(isFavorite=true,isFavorite=false)`, {}, 400],
      [`Project(${projectId})/ToggleFavorite(other=true)`, {}, 400],
      [`Project(${UNKNOWN})/ToggleFavorite(isFavorite=true)`, {}, 404],
      [`Project(${projectId})/ToggleFavorite`, { method: 'POST', json: { isFavorite: true } }, 405],
    ];
    for (const [path, init, status] of cases) {
      const { status: got, body } = await h.json<ODataErrorBody>(path, init);
      expect(got, path).toBe(status);
      expect(body.error.message, path).toEqual(expect.any(String));
    }
  });

  it('forgets the favorites of a deleted project', async () => {
    const other = await h.json('Project', { method: 'POST', json: { Name: 'Short-lived' } });
    const id = other.body.ProjectId as string;
    await h.json(`Project(${id})/ToggleFavorite(isFavorite=true)`);
    expect((await h.call(`Project(${id})`, { method: 'DELETE' })).status).toBe(204);
    expect(
      h.sandbox
        .data(OWNER)
        .raw('ProjectFavorite')
        .filter((row) => row.ProjectId === id),
    ).toEqual([]);
  });
});

describe('project numbers', () => {
  const number = async (id: string) => (await h.json(`Project(${id})?$select=Number`)).body.Number as string;
  const update = (id: string, prefix: string, suffix: string) =>
    h.json<ODataErrorBody>(`Project(${id})/UpdateProjectNumber`, { method: 'POST', json: { prefix, suffix } });
  const exists = (id: string, n: string) =>
    h.json<ODataErrorBody & { value: boolean }>(
      `Project(${id})/CheckIfProjectNumberExists(projectNumber='${encodeURIComponent(n.replace(/'/g, "''"))}')`,
    );

  it('CheckIfProjectNumberExists is true for another project’s number, false for its own and for free ones', async () => {
    const other = (await h.json('Project', { method: 'POST', json: { Name: 'Numbered other' } })).body;
    expect((await exists(projectId, other.Number as string)).body.value).toBe(true);
    expect((await exists(projectId, (other.Number as string).toLowerCase())).body.value).toBe(true);
    expect((await exists(projectId, await number(projectId))).body.value).toBe(false);
    expect((await exists(projectId, "O'Brien-1")).body.value).toBe(false);
    expect((await exists(projectId, ' ')).status).toBe(400);
    expect((await exists(UNKNOWN, 'X')).status).toBe(404);
  });

  it('UpdateProjectNumber sets prefix and suffix, and refuses (409) a number another project has', async () => {
    expect((await update(projectId, 'MKT-', '-A')).status).toBe(200);
    expect(await number(projectId)).toMatch(/^MKT-\d{3}-A$/);

    const a = (await h.json('Project', { method: 'POST', json: { Name: 'Clash A' } })).body;
    const b = (await h.json('Project', { method: 'POST', json: { Name: 'Clash B' } })).body;
    const incrementB = String(b.Number).slice(-3);
    // A: "Z" + its increment + B's increment; B with prefix "Z" + A's increment reads the same.
    expect((await update(a.ProjectId as string, 'Z', incrementB)).status).toBe(200);
    const taken = await number(a.ProjectId as string);
    const clash = await update(b.ProjectId as string, taken.slice(0, -3), '');
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('ProjectNumberExists');
    expect(await number(b.ProjectId as string)).toBe(b.Number);
    const patch = await h.json<ODataErrorBody>(`Project(${b.ProjectId as string})`, {
      method: 'PATCH',
      json: { NumberPrefix: taken.slice(0, -3), NumberSuffix: '' },
    });
    expect(patch.status).toBe(409);
    expect((await update(projectId, 'x'.repeat(51), '')).status).toBe(400);
  });
});

describe('categories', () => {
  const categories = async () =>
    (await h.json<Collection>('Category?$orderby=Name')).body.value as { CategoryId: string; Name: string }[];
  const shown = async () => (await h.json(`Project(${projectId})?$select=Categories`)).body.Categories;

  it('lists the account’s categories, and assigns, unassigns and replaces them on a project', async () => {
    const all = await categories();
    expect(all.map((c) => c.Name)).toEqual(['Customers', 'IT', 'Internal', 'Marketing']);
    const [customers, it_, internal, marketing] = all.map((c) => c.CategoryId);
    const assign = await h.json(`Project(${projectId})/AssignCategory(categoryId=${marketing!})`);
    expect(assign.body).toMatchObject({ value: true });
    await h.json(`Project(${projectId})/AssignCategory(categoryId=${it_!})`);
    expect(await shown()).toBe('IT, Marketing');
    const assigned = await h.json<Collection>(`Project(${projectId})/GetAssignedCategories()`);
    expect(assigned.body.value.map((c) => c.Name)).toEqual(['IT', 'Marketing']);
    expect((await h.json(`Project(${projectId})/UnAssignCategory(categoryId=${it_!})`)).body).toMatchObject({
      value: true,
    });
    expect((await h.json(`Project(${projectId})/UnAssignCategory(categoryId=${it_!})`)).body).toMatchObject({
      value: false,
    });
    const set = await h.call(`Project(${projectId})/SetCategories`, {
      method: 'POST',
      json: { categoryIds: [customers, internal] },
    });
    expect(set.status).toBe(200);
    expect(await shown()).toBe('Customers, Internal');
    const filtered = await h.json<Collection>("Project?$filter=contains(Categories,'Internal')&$select=ProjectId");
    expect(filtered.body.value.map((p) => p.ProjectId)).toContain(projectId);
  });

  it('refuses unknown category ids with 400 and changes nothing; PATCH of Categories is refused', async () => {
    const before = await shown();
    const unknown = await h.json<ODataErrorBody>(`Project(${projectId})/AssignCategory(categoryId=${UNKNOWN})`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Category .* does not exist/);
    const [first] = (await categories()).map((c) => c.CategoryId);
    const mixed = await h.json<ODataErrorBody>(`Project(${projectId})/SetCategories`, {
      method: 'POST',
      json: { categoryIds: [first, UNKNOWN] },
    });
    expect(mixed.status).toBe(400);
    expect(await shown()).toBe(before);
    const bad = await h.json<ODataErrorBody>(`Project(${projectId})/SetCategories`, {
      method: 'POST',
      json: { categoryIds: ['nope'] },
    });
    expect(bad.status).toBe(400);
    const patch = await h.json<ODataErrorBody>(`Project(${projectId})`, {
      method: 'PATCH',
      json: { Categories: 'Marketing' },
    });
    expect(patch.status).toBe(400);
  });
});

describe('locked projects', () => {
  it('the seeded locked project (LockMode 1) refuses writes with 403 and an OData error body', async () => {
    const list = await h.json<Collection>('Project?$filter=LockMode eq 1&$select=ProjectId,Name,LockMode');
    expect(list.body.value.map((p) => p.Name)).toEqual(['Annual Report 2025']);
    const locked = list.body.value[0]!.ProjectId as string;
    expect((await h.json(`Project(${locked})`)).body).toMatchObject({ LockMode: 1 });
    const [category] = (await h.json<Collection>('Category')).body.value.map((c) => c.CategoryId as string);
    const writes: [string, RequestInit & { json?: unknown }][] = [
      [`Project(${locked})`, { method: 'PATCH', json: { Name: 'Changed' } }],
      [`Project(${locked})`, { method: 'DELETE' }],
      [`Project(${locked})/UpdateProjectNumber`, { method: 'POST', json: { prefix: 'A', suffix: '' } }],
      [`Project(${locked})/SetCategories`, { method: 'POST', json: { categoryIds: [] } }],
      [`Project(${locked})/AssignCategory(categoryId=${category!})`, {}],
      [`Project(${locked})/AddMember`, { method: 'POST', json: { contactId: UNKNOWN, role: 4 } }],
    ];
    for (const [path, init] of writes) {
      const { status, body } = await h.json<ODataErrorBody>(path, init);
      expect(status, path).toBe(403);
      expect(body.error, path).toMatchObject({ code: 'ProjectLocked', message: expect.stringMatching(/locked/) });
    }
    expect((await h.json(`Project(${locked})`)).body.Name).toBe('Annual Report 2025');
    expect((await h.json(`Project(${locked})/ToggleFavorite(isFavorite=true)`)).status).toBe(200);
    const unlock = await h.json(`Project(${locked})`, { method: 'PATCH', json: { LockMode: 0 } });
    expect(unlock.body).toMatchObject({ LockMode: 0 });
    await h.json(`Project(${locked})`, { method: 'PATCH', json: { LockMode: 1 } });
  });
});

describe('CopyProject and GenerateProjectDescription', () => {
  it('copies name (documented suffix), categories, members and open tasks under a new id and number', async () => {
    const source = (await h.json('Project', { method: 'POST', json: { Name: 'Copy source', Priority: 2 } })).body;
    const id = source.ProjectId as string;
    await h.json('Task', { method: 'POST', json: { Name: 'Open one', ProjectId: id } });
    await h.json('Task', { method: 'POST', json: { Name: 'Done one', ProjectId: id, IsDone: true } });
    const [category] = (await h.json<Collection>("Category?$filter=Name eq 'Marketing'")).body.value;
    await h.json(`Project(${id})/AssignCategory(categoryId=${category!.CategoryId as string})`);
    const answer = await h.json<{ value: string }>(`Project(${id})/CopyProject()`);
    expect(answer.status).toBe(200);
    const copyId = answer.body.value;
    expect(copyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(copyId).not.toBe(id);
    const copy = (await h.json(`Project(${copyId})`)).body;
    expect(copy).toMatchObject({ Name: 'Copy source - Copy', Priority: 2, Categories: 'Marketing' });
    expect(copy.Number).not.toBe(source.Number);
    const tasks = await h.json<Collection>(`Task?$filter=ProjectId eq ${copyId}&$select=Name`);
    expect(tasks.body.value.map((t) => t.Name)).toEqual(['Open one']);
    expect((await h.json(`Project(${UNKNOWN})/CopyProject()`)).status).toBe(404);
  });

  it('describes a project in the asked language on the Cloud base only', async () => {
    const en = await h.json<{ value: string }>(`Project(${projectId})/GenerateProjectDescription(language='en')`);
    expect(en.body.value).toMatch(/^The project "Actions project"/);
    const de = await h.json<{ value: string }>(`Project(${projectId})/GenerateProjectDescription(language='de')`);
    expect(de.body.value).toMatch(/^Das Projekt „Actions project“/);
    expect((await h.json(`Project(${projectId})/GenerateProjectDescription(language='xx')`)).status).toBe(400);
    const selfHosted = await h.call(
      `${h.running.selfHostedBaseUrl}Project(${projectId})/GenerateProjectDescription(language='en')`,
    );
    expect(selfHosted.status).toBe(404);
  });
});
