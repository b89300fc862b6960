import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskNotes } from '../../sandbox/entities/task';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

let h: Harness;
let projectId: string;
let taskId: string;
let sophie: string;
let me: string;

beforeAll(async () => {
  h = await startSandbox({ keys: ['demo-key-ben', 'other-key'] });
  me = h.sandbox.accounts[0]!.contactId;
  const project = await h.json('Project', { method: 'POST', json: { Name: 'Operations test' } });
  projectId = project.body.ProjectId as string;
  const task = await h.json('Task', { method: 'POST', json: { Name: 'Op task', ProjectId: projectId } });
  taskId = task.body.TaskItemId as string;
  const contacts = await h.json<Collection>("Contact?$filter=FirstName eq 'Sophie'");
  sophie = contacts.body.value[0]!.ContactId as string;
});
afterAll(async () => {
  await h.close();
});

async function members(): Promise<Array<Record<string, unknown>>> {
  const { status, body } = await h.json<Collection>(`Project(${projectId})/GetProjectContactRelations()`);
  expect(status).toBe(200);
  return body.value;
}

describe('project members', () => {
  it('lists the creator as manager of a new project', async () => {
    const list = await members();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      ContactId: me,
      Role: 2,
      DisplayName: 'Ben Carter',
      Email: 'ben.carter@example.com',
    });
    expect(list[0]!.ContactRelationId).toEqual(expect.any(String));
  });

  it('adds a member (200, empty body) and shows it in the computed project fields', async () => {
    const response = await h.call(`Project(${projectId})/AddMember`, {
      method: 'POST',
      json: { contactId: sophie, role: 4 },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const list = await members();
    // in OrdinalPosition order, whatever the relation ids
    expect(list.map((m) => [m.DisplayName, m.Role, m.OrdinalPosition])).toEqual([
      ['Ben Carter', 2, 0],
      ['Sophie Müller', 4, 1],
    ]);
    const project = await h.json(`Project(${projectId})?$select=TeamProjectContact,FirstTeamMember`);
    expect(project.body).toMatchObject({ TeamProjectContact: 'Sophie Müller', FirstTeamMember: 'Sophie Müller' });
  });

  it('accepts the connector path form and the qualified name', async () => {
    const response = await h.call(`Project/${projectId}/Default.AddMember`, {
      method: 'POST',
      json: { contactId: sophie, role: 16, type: 0, ordinalPosition: 5 },
    });
    expect(response.status).toBe(200);
    expect((await members()).some((m) => m.ContactId === sophie && m.Role === 16)).toBe(true);
  });

  it('rejects bad AddMember calls', async () => {
    const cases: Array<[unknown, number]> = [
      [{ contactId: sophie }, 400],
      [{ contactId: sophie, role: 3 }, 400],
      [{ contactId: 'nope', role: 4 }, 400],
      [{ contactId: sophie, role: 4, extra: 1 }, 400],
      [{ contactId: '00000000-0000-0000-0000-000000000001', role: 4 }, 400],
    ];
    for (const [json, status] of cases) {
      const response = await h.json<ODataErrorBody>(`Project(${projectId})/AddMember`, { method: 'POST', json });
      expect(response.status, JSON.stringify(json)).toBe(status);
      expect(response.body.error.message).toEqual(expect.any(String));
    }
    const missingProject = await h.call('Project(00000000-0000-0000-0000-000000000001)/AddMember', {
      method: 'POST',
      json: { contactId: sophie, role: 4 },
    });
    expect(missingProject.status).toBe(404);
    expect((await h.call(`Project(${projectId})/AddMember`)).status).toBe(405);
    expect((await h.call(`Project(${projectId})/GetProjectContactRelations`)).status).toBe(404);
  });

  it('removes a member', async () => {
    const response = await h.call(`Project(${projectId})/RemoveMember`, {
      method: 'POST',
      json: { contactId: sophie, role: 4 },
    });
    expect(response.status).toBe(200);
    expect((await members()).some((m) => m.ContactId === sophie && m.Role === 4)).toBe(false);
    const again = await h.call(`Project(${projectId})/RemoveMember`, {
      method: 'POST',
      json: { contactId: sophie, role: 4 },
    });
    expect(again.status).toBe(404);
  });
});

describe('notes', () => {
  it('adds a project note, lists it in ProjectNote and deletes it', async () => {
    const response = await h.call(`Project(${projectId})/AddNote`, {
      method: 'POST',
      json: { htmlText: '<p>Hello <b>team</b> &amp; partners</p>', notificationContactIds: [sophie] },
    });
    expect(response.status).toBe(200);
    const { body } = await h.json<Collection>(
      `ProjectNote?$filter=${encodeURIComponent(`ProjectId eq ${projectId}`)}&$orderby=CreateDateTime desc`,
    );
    expect(body.value).toHaveLength(1);
    const note = body.value[0]!;
    expect(note).toMatchObject({
      ProjectId: projectId,
      NoteHtml: '<p>Hello <b>team</b> &amp; partners</p>',
      Note: 'Hello team & partners',
      CreatedByContactId: me,
    });
    const one = await h.json(`ProjectNote(${note.ProjectNoteId as string})`);
    expect(one.status).toBe(200);
    const deleted = await h.call(`Project(${projectId})/DeleteNote`, {
      method: 'POST',
      json: { noteRelationId: note.ProjectNoteId },
    });
    expect(deleted.status).toBe(200);
    expect((await h.call(`ProjectNote(${note.ProjectNoteId as string})`)).status).toBe(404);
  });

  it('requires htmlText and notificationContactIds', async () => {
    const noIds = await h.json<ODataErrorBody>(`Project(${projectId})/AddNote`, {
      method: 'POST',
      json: { htmlText: '<p>x</p>' },
    });
    expect(noIds.status).toBe(400);
    expect(noIds.body.error.message).toMatch(/notificationContactIds/);
    const empty = await h.call(`Project(${projectId})/AddNote`, {
      method: 'POST',
      json: { htmlText: '<p> </p>', notificationContactIds: [] },
    });
    expect(empty.status).toBe(400);
    const direct = await h.call('ProjectNote', { method: 'POST', json: { ProjectId: projectId, Note: 'x' } });
    expect(direct.status).toBe(405);
  });

  it('adds a task note', async () => {
    const response = await h.call(`Task(${taskId})/AddNote`, {
      method: 'POST',
      json: { htmlText: '<p>Done?</p>', notificationContactIds: [] },
    });
    expect(response.status).toBe(200);
    expect(taskNotes(h.sandbox.data('demo-key-ben'), taskId).map((n) => n.Note)).toEqual(['Done?']);
    const dyn = await h.json(`DynamicTaskItem(${taskId})?$select=TaskItem_Name,TaskItem_NotesCount,Project_Name`);
    expect(dyn.body).toMatchObject({
      TaskItem_Name: 'Op task',
      TaskItem_NotesCount: 1,
      Project_Name: 'Operations test',
    });
    const missing = await h.call('Task(00000000-0000-0000-0000-000000000001)/AddNote', {
      method: 'POST',
      json: { htmlText: '<p>x</p>', notificationContactIds: [] },
    });
    expect(missing.status).toBe(404);
  });
});

describe('task statuses', () => {
  it('gives every project default statuses and validates a task status against its project', async () => {
    const { body } = await h.json<Collection>(
      `TaskStatus?$filter=${encodeURIComponent(`ProjectId eq ${projectId}`)}&$orderby=OrdinalPosition`,
    );
    expect(body.value.map((s) => s.Name)).toEqual(['Open', 'In progress', 'Done']);
    const done = body.value[2]!.TaskItemStatusId as string;
    const ok = await h.json(`Task(${taskId})`, { method: 'PATCH', json: { TaskItemStatusId: done } });
    expect(ok.status).toBe(200);
    expect(ok.body.TaskItemStatusId).toBe(done);
    const other = await h.json<Collection>("Project?$filter=Name eq 'Website Relaunch'");
    const foreign = await h.json<Collection>(
      `TaskStatus?$filter=${encodeURIComponent(`ProjectId eq ${other.body.value[0]!.ProjectId as string}`)}`,
    );
    const bad = await h.json<ODataErrorBody>(`Task(${taskId})`, {
      method: 'PATCH',
      json: { TaskItemStatusId: foreign.body.value[0]!.TaskItemStatusId },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/another project/);
  });
});

describe('custom fields', () => {
  let websiteId: string;
  beforeAll(async () => {
    const { body } = await h.json<Collection>("Project?$filter=Name eq 'Website Relaunch'");
    websiteId = body.value[0]!.ProjectId as string;
  });

  it('lists the definitions', async () => {
    const { body } = await h.json<Collection>(
      `CustomFieldDefinition?$filter=${encodeURIComponent("TableName eq 'Project'")}&$orderby=OrdinalPosition`,
    );
    expect(body.value.map((d) => d.ColumnName).slice(0, 6)).toEqual([
      'Region',
      'CustomerNumber',
      'Kickoff',
      'RiskLevel',
      'LegacyId',
      'Budget',
    ]);
    expect(body.value[5]).toMatchObject({ ColumnType: 6, CurrencySymbol: '€' });
    expect(body.value[0]).toMatchObject({ ColumnType: 5, WarningIfEmpty: true, AllowAddNewItem: false });
    expect(body.value[4]).toMatchObject({ WriteProtectionEnabled: true });
  });

  it('reads and patches a value in bracket and slash notation', async () => {
    const read = await h.json(`CustomField(Name='Region',ObjectId=${websiteId})`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ Name: 'Region', ObjectId: websiteId, Value: 'EMEA', Type: 'List' });
    const patched = await h.json(`CustomField/Name='Region',ObjectId=${websiteId}`, {
      method: 'PATCH',
      json: { Value: 'APAC' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.Value).toBe('APAC');
    const dyn = await h.json(`DynamicProject(${websiteId})?$select=Project_Name,CustomField_Region`);
    expect(dyn.body).toMatchObject({ Project_Name: 'Website Relaunch', CustomField_Region: 'APAC' });
    const filtered = await h.json<Collection>(
      `DynamicProject?$filter=${encodeURIComponent("CustomField_Region eq 'APAC'")}`,
    );
    expect(filtered.body.value.map((p) => p.Project_Name)).toEqual(['Website Relaunch']);
    // only columns of defined custom fields exist, per table
    expect((await h.call('DynamicProject?$select=CustomField_Nope')).status).toBe(400);
    expect((await h.call(`DynamicProject?$filter=${encodeURIComponent('CustomField_Billable eq null')}`)).status).toBe(
      400,
    );
    expect(
      (await h.call(`DynamicTaskItem?$filter=${encodeURIComponent("CustomField_Billable eq 'true'")}`)).status,
    ).toBe(200);
  });

  it('validates values against the field type and rejects unknown fields', async () => {
    const bad = await h.json<ODataErrorBody>(`CustomField(Name='Budget',ObjectId=${websiteId})`, {
      method: 'PATCH',
      json: { Value: 'lots' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Currency/);
    const unknown = await h.call(`CustomField(Name='Nope',ObjectId=${websiteId})`);
    expect(unknown.status).toBe(404);
    const readOnly = await h.call(`CustomField(Name='Region',ObjectId=${websiteId})`, {
      method: 'PATCH',
      json: { Value: 'x', Type: 'List' },
    });
    expect(readOnly.status).toBe(400);
    const malformedKey = await h.call(`CustomField(Region,${websiteId})`);
    expect(malformedKey.status).toBe(400);
  });

  it('updates several values at once with BatchUpdate, all or nothing', async () => {
    const response = await h.json<Collection>('CustomField/BatchUpdate', {
      method: 'POST',
      json: [
        { Name: 'Region', ObjectId: websiteId, Value: 'EMEA' },
        { Name: 'Budget', ObjectId: websiteId, Value: '30000.50' },
        { Name: 'Billable', ObjectId: taskId, Value: 'true' },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.value.map((v) => v.Value)).toEqual(['EMEA', '30000.50', 'true']);
    const failing = await h.json<ODataErrorBody>('CustomField/BatchUpdate', {
      method: 'POST',
      json: [
        { Name: 'Region', ObjectId: websiteId, Value: 'UK' },
        { Name: 'Budget', ObjectId: websiteId, Value: 'not a number' },
      ],
    });
    expect(failing.status).toBe(400);
    const region = await h.json(`CustomField(Name='Region',ObjectId=${websiteId})`);
    expect(region.body.Value).toBe('EMEA');
    const dynTask = await h.json(`DynamicTaskItem(${taskId})?$select=CustomField_Billable`);
    expect(dynTask.body.CustomField_Billable).toBe('true');
  });
});

describe('time entries', () => {
  it('creates a time entry with a computed duration', async () => {
    const created = await h.json('TimeEntry', {
      method: 'POST',
      json: {
        ProjectId: projectId,
        TaskItemId: taskId,
        StartDateTime: '2026-02-01T09:00:00Z',
        EndDateTime: '2026-02-01T10:30:00Z',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ DurationMinutes: 90, PerformedByContactId: me });
  });
});

describe('cascading delete', () => {
  it('deleting a project deletes its tasks, notes, statuses, members and time entries', async () => {
    const project = await h.json('Project', { method: 'POST', json: { Name: 'To be deleted' } });
    const id = project.body.ProjectId as string;
    const task = await h.json('Task', { method: 'POST', json: { Name: 'Child', ProjectId: id } });
    await h.call(`Project(${id})/AddNote`, {
      method: 'POST',
      json: { htmlText: '<p>n</p>', notificationContactIds: [] },
    });
    await h.call(`Project(${id})/AddMember`, { method: 'POST', json: { contactId: sophie, role: 4 } });
    await h.call('TimeEntry', {
      method: 'POST',
      json: { ProjectId: id, StartDateTime: '2026-02-01T09:00:00Z', EndDateTime: '2026-02-01T10:00:00Z' },
    });
    const filter = encodeURIComponent(`ProjectId eq ${id}`);
    expect((await h.json<Collection>(`ProjectNote?$filter=${filter}`)).body.value).toHaveLength(1);
    expect((await h.call(`Project(${id})`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.call(`Task(${task.body.TaskItemId as string})`)).status).toBe(404);
    for (const set of ['Task', 'ProjectNote', 'TaskStatus', 'TimeEntry']) {
      expect((await h.json<Collection>(`${set}?$filter=${filter}`)).body.value, set).toEqual([]);
    }
    expect((await h.call(`Project(${id})/GetProjectContactRelations()`)).status).toBe(404);
  });
});

describe('read-only sets and methods', () => {
  it('answers 405 for writes to UserInfo and DynamicProject, and PUT anywhere', async () => {
    expect((await h.call('UserInfo', { method: 'POST', json: { FirstName: 'x' } })).status).toBe(405);
    expect(
      (await h.call(`DynamicProject(${projectId})`, { method: 'PATCH', json: { Project_Name: 'x' } })).status,
    ).toBe(405);
    expect((await h.call(`Project(${projectId})`, { method: 'PUT', json: { Name: 'x' } })).status).toBe(405);
  });

  it('lists the user in UserInfo and reads it by key', async () => {
    const { body } = await h.json<Collection>('UserInfo');
    expect(body.value.map((u) => u.ContactId)).toEqual([me]);
    expect((await h.json(`UserInfo(${me})`)).body.DisplayName).toBe('Ben Carter');
  });

  it('rejects a non-JSON content type with 415', async () => {
    const response = await h.call('Project', {
      method: 'POST',
      body: 'Name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
  });
});
