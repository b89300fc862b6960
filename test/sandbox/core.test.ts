import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startSandbox({ keys: ['demo-key-anna', 'demo-key-ben'] });
});
afterAll(async () => {
  await h.close();
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('authentication', () => {
  it('rejects a missing key with 401 and an OData error body', async () => {
    const { status, body } = await h.json<ODataErrorBody>('Project', { key: null });
    expect(status).toBe(401);
    expect(body.error.code).toBe('Unauthorized');
    expect(body.error.message).toMatch(/x-api-key/);
  });

  it('rejects an unknown key with 401', async () => {
    const { status, body } = await h.json<ODataErrorBody>('Project', { key: 'not-a-key' });
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/not valid/);
  });

  it('reads the header case-insensitively', async () => {
    const response = await fetch(`${h.running.baseUrl}UserInfo/Me()`, { headers: { 'X-API-KEY': 'demo-key-ben' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Collection;
    expect(body.value[0]!.DisplayName).toBe('Ben Carter');
  });

  it('serves $metadata from the EDMX without a key', async () => {
    const response = await fetch(`${h.running.baseUrl}$metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/xml/);
    const xml = await response.text();
    expect(xml).toContain('<EntitySet Name="Task" EntityType="InLoox.PM.Domain.Model.Aggregates.Api.ApiTask" />');
  });
});

describe('UserInfo/Me()', () => {
  it('returns a collection with the user of the key, on both base URLs', async () => {
    for (const base of [h.running.baseUrl, h.running.selfHostedBaseUrl]) {
      const { status, body } = await h.json<Collection>(`${base}UserInfo/Me()`);
      expect(status).toBe(200);
      expect(body['@odata.context']).toBe(`${base}$metadata#UserInfo`);
      expect(body.value).toHaveLength(1);
      expect(body.value[0]).toMatchObject({
        ContactId: h.sandbox.accounts[0]!.contactId,
        DisplayName: 'Anna Schmidt',
        Email: 'anna.schmidt@example.de',
        UILanguage: 'de-DE',
      });
    }
  });

  it('gives each key its own account and user', async () => {
    const anna = await h.json<Collection>('UserInfo/Me()', { key: 'demo-key-anna' });
    const ben = await h.json<Collection>('UserInfo/Me()', { key: 'demo-key-ben' });
    expect(anna.body.value[0]!.ContactId).not.toBe(ben.body.value[0]!.ContactId);
    expect(ben.body.value[0]!.UILanguage).toBe('en-US');
  });
});

describe('seed data', () => {
  it('has the demo projects in English and German with tasks and members', async () => {
    const { body } = await h.json<Collection>(
      `Project?$select=Name,Number,FirstManager&$orderby=Number&$filter=${encodeURIComponent('IsRequest eq false')}`,
    );
    expect(body.value.map((p) => p.Name)).toEqual([
      'Website Relaunch',
      'Messestand Hannover 2026',
      'ERP-Einführung',
      'Customer Onboarding Q1',
      'Jahresabschluss 2025',
    ]);
    expect(body.value[0]!.FirstManager).toBe('Anna Schmidt');
    expect(body.value[0]!.Number).toMatch(/^\d{4}-001$/);
    const tasks = await h.json<Collection>('Task?$count=true&$top=0');
    expect(tasks.body['@odata.count']).toBeGreaterThan(10);
  });
});

describe('Project CRUD', () => {
  let projectId: string;

  it('creates a project with a server-generated key (201, Location, computed fields)', async () => {
    const { status, body, response } = await h.json<Record<string, unknown>>('Project', {
      method: 'POST',
      json: {
        Name: 'Sandbox Test',
        StartDate: '2026-01-15T00:00:00Z',
        EndDate: '2026-06-30T00:00:00+02:00',
        Priority: 2,
      },
    });
    expect(status).toBe(201);
    expect(body.ProjectId).toMatch(GUID);
    projectId = body.ProjectId as string;
    expect(response.headers.get('location')).toBe(`${h.running.baseUrl}Project(${projectId})`);
    expect(body['@odata.context']).toBe(`${h.running.baseUrl}$metadata#Project/$entity`);
    expect(body.EndDate).toBe('2026-06-29T22:00:00Z');
    expect(body.Priority).toBe(2);
    // Four demo projects, the locked one and two project requests come first.
    expect(body.Number).toMatch(/^\d{4}-008$/);
    expect(body.ProjectNumberAndName).toBe(`${body.Number as string} Sandbox Test`);
    expect(body.FirstManager).toBe('Anna Schmidt');
    expect(body.CreatedDateTime).toEqual(expect.stringMatching(/Z$/));
    expect(body.PercentComplete).toBe(0);
    expect(body.IsArchived).toBe(false);
    expect(body).toHaveProperty('ClientId', null);
  });

  it('accepts the entity type annotation of its own type', async () => {
    const { status } = await h.json('Project', {
      method: 'POST',
      json: { '@odata.type': '#InLoox.PM.Domain.Model.Aggregates.Api.ApiProject', Name: 'Annotated' },
    });
    expect(status).toBe(201);
  });

  it('uses the key the client sends', async () => {
    const id = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    const { status, body } = await h.json('Project', { method: 'POST', json: { ProjectId: id, Name: 'Fixed id' } });
    expect(status).toBe(201);
    expect(body.ProjectId).toBe(id);
    const again = await h.json<ODataErrorBody>('Project', { method: 'POST', json: { ProjectId: id, Name: 'Twice' } });
    expect(again.status).toBe(409);
  });

  it("addresses a key as (guid), ('guid') and /guid", async () => {
    for (const path of [
      `Project(${projectId})`,
      `Project('${projectId}')`,
      `Project/${projectId}`,
      `Project(ProjectId=${projectId})`,
    ]) {
      const { status, body } = await h.json(path);
      expect(status, path).toBe(200);
      expect(body.Name).toBe('Sandbox Test');
    }
    const upper = await h.json(`Project(${projectId.toUpperCase()})`);
    expect(upper.status).toBe(200);
  });

  it('404s for a missing entity and 400s for a malformed key', async () => {
    const missing = await h.json<ODataErrorBody>('Project(00000000-0000-0000-0000-000000000001)');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NotFound');
    const malformed = await h.json<ODataErrorBody>('Project(123)');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/Edm.Guid/);
    const unknownSet = await h.json<ODataErrorBody>('Projects');
    expect(unknownSet.status).toBe(404);
  });

  it('patches only the given properties', async () => {
    const before = await h.json(`Project(${projectId})`);
    const { status, body } = await h.json(`Project(${projectId})`, {
      method: 'PATCH',
      json: { Name: 'Renamed', IsArchived: true },
    });
    expect(status).toBe(200);
    expect(body.Name).toBe('Renamed');
    expect(body.IsArchived).toBe(true);
    expect(body.Priority).toBe(2);
    expect(body.StartDate).toBe(before.body.StartDate);
    expect(Date.parse(body.LastChangedDateTime as string)).toBeGreaterThanOrEqual(
      Date.parse(before.body.LastChangedDateTime as string),
    );
  });

  it('rejects computed fields, unknown properties, wrong types and malformed JSON with 400', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ Name: 'x', Number: '2025-999' }, /Number.*computed/],
      [{ Name: 'x', ComputedProgress: 0.5 }, /computed/],
      [{ Name: 'x', PercentComplete: 10 }, /computed/],
      [{ Name: 'x', FirstManager: 'Me' }, /computed/],
      [{ Name: 'x', ManagerProjectContact: 'Me' }, /computed/],
      [{ Name: 'x', CreatedDateTime: '2025-01-01T00:00:00Z' }, /computed/],
      [{ Name: 'x', LastChangedDateTime: '2025-01-01T00:00:00Z' }, /computed/],
      [{ Name: 'x', ProjectNumberAndName: 'y' }, /computed/],
      [{ Name: 'x', Colour: 'red' }, /does not exist/],
      [{ Name: 'x', Priority: '2' }, /Edm.Int32/],
      [{ Name: 'x', Priority: 1.5 }, /Edm.Int32/],
      [{ Name: 'x', Priority: 3 }, /Priority/],
      [{ Name: 'x', Priority: -1 }, /Priority/],
      [{ Name: 'x', IsArchived: 'yes' }, /Edm.Boolean/],
      [{ Name: 'x', StartDate: '2025-13-01T00:00:00Z' }, /DateTimeOffset/],
      [{ Name: 'x', StartDate: '2025-04-01' }, /DateTimeOffset/],
      [{ Name: 'x', StartDate: null }, /not nullable/],
      [{ Name: 'x', ClientId: 'abc' }, /Edm.Guid/],
      [{ Name: 'x', StartDate: '2025-05-01T00:00:00Z', EndDate: '2025-04-01T00:00:00Z' }, /EndDate/],
      [{ Priority: 1 }, /Name.*required/],
      [[{ Name: 'x' }], /JSON object/],
      [{ Name: 'x', '@odata.type': '#InLoox.PM.Domain.Model.Aggregates.Api.ApiTask' }, /ApiProject/],
    ];
    for (const [json, message] of cases) {
      const { status, body } = await h.json<ODataErrorBody>('Project', { method: 'POST', json });
      expect(status, JSON.stringify(json)).toBe(400);
      expect(body.error.message, JSON.stringify(json)).toMatch(message);
      expect(typeof body.error.code).toBe('string');
    }
    const patch = await h.json<ODataErrorBody>(`Project(${projectId})`, {
      method: 'PATCH',
      json: { PercentComplete: 50 },
    });
    expect(patch.status).toBe(400);
    const key = await h.json<ODataErrorBody>(`Project(${projectId})`, {
      method: 'PATCH',
      json: { ProjectId: projectId },
    });
    expect(key.status).toBe(400);
    const malformed = await h.json<ODataErrorBody>('Project', {
      method: 'POST',
      body: '{"Name": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('InvalidJson');
    const empty = await h.json<ODataErrorBody>('Project', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(400);
  });

  it('deletes with 204 and then 404s', async () => {
    const response = await h.call(`Project(${projectId})`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect((await h.call(`Project(${projectId})`)).status).toBe(404);
    expect((await h.call(`Project(${projectId})`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('Task CRUD', () => {
  it('creates, reads, patches and deletes a task with ContactDisplayName', async () => {
    const projects = await h.json<Collection>("Project?$filter=Name eq 'Website Relaunch'");
    const projectId = projects.body.value[0]!.ProjectId as string;
    const contacts = await h.json<Collection>("Contact?$filter=LastName eq 'Weber'");
    const jonas = contacts.body.value[0]!.ContactId as string;
    const created = await h.json('Task', {
      method: 'POST',
      json: {
        Name: 'Write tests',
        ProjectId: projectId,
        ContactId: jonas,
        WorkAmount: 2.5,
        EndDateTime: '2026-03-01T17:00:00Z',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.TaskItemId).toMatch(GUID);
    expect(created.body.ContactDisplayName).toBe('Jonas Weber');
    expect(created.body.IsDone).toBe(false);
    expect(created.body.DoneDate).toBeNull();
    const id = created.body.TaskItemId as string;
    expect((await h.json(`Task/${id}`)).body.Name).toBe('Write tests');
    const done = await h.json(`Task(${id})`, { method: 'PATCH', json: { IsDone: true } });
    expect(done.status).toBe(200);
    expect(done.body.IsDone).toBe(true);
    expect(done.body.DoneDate).toEqual(expect.stringMatching(/Z$/));
    expect(done.body.Name).toBe('Write tests');
    const reopened = await h.json(`Task(${id})`, { method: 'PATCH', json: { IsDone: false } });
    expect(reopened.body.DoneDate).toBeNull();
    const bad = await h.json<ODataErrorBody>(`Task(${id})`, { method: 'PATCH', json: { ContactDisplayName: 'x' } });
    expect(bad.status).toBe(400);
    const badRef = await h.json<ODataErrorBody>('Task', {
      method: 'POST',
      json: { Name: 'x', ProjectId: '00000000-0000-0000-0000-000000000009' },
    });
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toMatch(/does not exist/);
    const wrongKeyName = await h.json<ODataErrorBody>('Task', { method: 'POST', json: { TaskId: id, Name: 'x' } });
    expect(wrongKeyName.status).toBe(400);
    expect((await h.call(`Task(${id})`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.call(`Task(${id})`)).status).toBe(404);
  });
});

describe('account isolation', () => {
  it('never shows one account the data of another', async () => {
    const created = await h.json('Project', { method: 'POST', json: { Name: 'Anna only' }, key: 'demo-key-anna' });
    const id = created.body.ProjectId as string;
    expect((await h.call(`Project(${id})`, { key: 'demo-key-ben' })).status).toBe(404);
    expect((await h.call(`Project(${id})`, { key: 'demo-key-ben', method: 'PATCH', json: { Name: 'x' } })).status).toBe(
      404,
    );
    expect((await h.call(`Project(${id})`, { key: 'demo-key-ben', method: 'DELETE' })).status).toBe(404);
    const list = await h.json<Collection>("Project?$filter=Name eq 'Anna only'", { key: 'demo-key-ben' });
    expect(list.body.value).toEqual([]);
    const annaContact = h.sandbox.accounts[0]!.contactId;
    const task = await h.json('Task', {
      method: 'POST',
      json: { Name: 'x', ContactId: annaContact },
      key: 'demo-key-ben',
    });
    expect(task.status).toBe(400);
    expect((await h.call(`Project(${id})`, { key: 'demo-key-anna' })).status).toBe(200);
  });
});

describe('Contact', () => {
  it('lists, creates and reads contacts', async () => {
    const { body } = await h.json<Collection>("Contact?$filter=startswith(DisplayName,'Sophie')");
    expect(body.value).toHaveLength(1);
    expect(body.value[0]!.Email).toBe('sophie.mueller@example.de');
    const created = await h.json('Contact', {
      method: 'POST',
      json: { FirstName: 'Max', LastName: 'Mustermann', Email: 'max@example.de' },
    });
    expect(created.status).toBe(201);
    expect(created.body.DisplayName).toBe('Max Mustermann');
    expect(created.body.IsIdentity).toBe(false);
    const ro = await h.json('Contact', { method: 'POST', json: { DisplayName: 'x', IsIdentity: true } });
    expect(ro.status).toBe(400);
  });
});

describe('list views follow every change', () => {
  it('recomputes project progress, member names and assignee names in lists after writes', async () => {
    const key = 'demo-key-ben';
    const project = await h.json('Project', { method: 'POST', json: { Name: 'Live view' }, key });
    const id = project.body.ProjectId as string;
    const contact = await h.json('Contact', { method: 'POST', json: { FirstName: 'Lena', LastName: 'Vogel' }, key });
    const contactId = contact.body.ContactId as string;
    const task = await h.json('Task', {
      method: 'POST',
      json: { Name: 'Only task', ProjectId: id, ContactId: contactId },
      key,
    });
    const taskId = task.body.TaskItemId as string;
    const projectRow = async () =>
      (await h.json<Collection>(`Project?$filter=${encodeURIComponent(`ProjectId eq ${id}`)}`, { key })).body.value[0]!;
    const taskRow = async () =>
      (await h.json<Collection>(`Task?$filter=${encodeURIComponent(`TaskItemId eq ${taskId}`)}`, { key })).body
        .value[0]!;
    expect((await projectRow()).PercentComplete).toBe(0);
    expect((await taskRow()).ContactDisplayName).toBe('Lena Vogel');

    await h.call(`Task(${taskId})`, { method: 'PATCH', json: { IsDone: true }, key });
    expect((await projectRow()).PercentComplete).toBe(100);

    await h.call(`Project(${id})/AddMember`, { method: 'POST', json: { contactId, role: 4 }, key });
    expect((await projectRow()).TeamProjectContact).toBe('Lena Vogel');

    await h.call(`Contact(${contactId})`, { method: 'PATCH', json: { DisplayName: 'Lena Vogel-Adler' }, key });
    expect((await projectRow()).TeamProjectContact).toBe('Lena Vogel-Adler');
    expect((await taskRow()).ContactDisplayName).toBe('Lena Vogel-Adler');

    await h.call(`Task(${taskId})`, { method: 'DELETE', key });
    expect((await projectRow()).PercentComplete).toBe(0);
    expect(
      (await h.json<Collection>(`Task?$filter=${encodeURIComponent(`TaskItemId eq ${taskId}`)}`, { key })).body.value,
    ).toEqual([]);
  });
});
