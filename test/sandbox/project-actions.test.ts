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
