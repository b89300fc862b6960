/**
 * A form creates once, however often it is sent: double clicks, a retry after a restart, the same form sent to two
 * app instances at once; with the state store in SQLite and in PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../sandbox/server';
import type { InLooxApi } from '../../shared/inloox/api';
import { assertValidCard } from '../helpers/cards';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';
import { actionsOf, cardText, startBotHarness, type BotHarness, type TeamsUser } from './harness';

const BEN = DEMO_USERS.find((u) => u.firstName === 'Ben')!;

function submitOf(card: Record<string, unknown>, verb: string): Record<string, unknown> {
  const action = actionsOf(card).find((a) => a.verb === verb);
  expect(action, verb).toBeDefined();
  expect(action!.data.formId).toMatch(/^[0-9a-f-]{36}$/);
  return action!.data;
}

async function run(bot: BotHarness, user: TeamsUser, verb: string, data: Record<string, unknown>) {
  const card = await bot.execute(verb, data, { user });
  await assertValidCard(card);
  return card;
}

describe.each([
  { engine: 'SQLite', postgres: false },
  { engine: 'PostgreSQL', postgres: true },
])('create forms ($engine state store)', ({ postgres }) => {
  let pg: StartedPostgres | undefined;
  let first: BotHarness;
  let second: BotHarness;
  let user: TeamsUser;
  let api: InLooxApi;

  beforeAll(async () => {
    if (postgres) pg = await startPostgres();
    first = await startBotHarness(pg ? { databaseUrl: await pg.createDatabase('forms') } : {});
    second = await startBotHarness({ sameDataAs: first });
    user = first.newUser('Ben');
    await first.connect(user, BEN.apiKey);
    api = await first.connections.apiFor({ tenantId: user.tenantId, objectId: user.objectId });
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await pg?.stop();
  });

  const tasksNamed = async (name: string) =>
    (await api.listTasks({ search: name, top: 50 })).items.filter((task) => task.Name === name);

  it('a task form sent twice, and then to another instance, creates one task; every answer shows it', async () => {
    const name = `Once task ${Math.random().toString(36).slice(2, 8)}`;
    const form = await run(first, user, 'task.new', { name });
    const data = { ...submitOf(form, 'task.create'), name, start: '2026-05-04', end: '2026-05-05' };
    const answers = [
      await run(first, user, 'task.create', data),
      await run(first, user, 'task.create', data),
      await run(second, user, 'task.create', data),
    ];
    expect(await tasksNamed(name)).toHaveLength(1);
    for (const answer of answers) {
      expect(cardText(answer)).toContain('Task created');
      expect(cardText(answer)).toContain(name);
    }
    // A new form (new id) creates a second task, as it should.
    const again = await run(first, user, 'task.new', { name });
    await run(first, user, 'task.create', { ...submitOf(again, 'task.create'), name });
    expect(await tasksNamed(name)).toHaveLength(2);
  });

  it('the same form sent to two instances at the same moment creates one task', async () => {
    const name = `Race task ${Math.random().toString(36).slice(2, 8)}`;
    const form = await run(first, user, 'task.new', { name });
    const data = { ...submitOf(form, 'task.create'), name };
    const answers = await Promise.all([
      run(first, user, 'task.create', data),
      run(second, user, 'task.create', data),
      run(first, user, 'task.create', data),
    ]);
    expect(await tasksNamed(name)).toHaveLength(1);
    for (const answer of answers) expect(cardText(answer)).toContain(name);
  });

  it('a form sent again after a restart creates nothing', async () => {
    const name = `Restart task ${Math.random().toString(36).slice(2, 8)}`;
    const form = await run(second, user, 'task.new', { name });
    const data = { ...submitOf(form, 'task.create'), name };
    await run(second, user, 'task.create', data);
    await second.close();
    second = await startBotHarness({ sameDataAs: first });
    const answer = await run(second, user, 'task.create', data);
    expect(cardText(answer)).toContain(name);
    expect(await tasksNamed(name)).toHaveLength(1);
  });

  it('a form whose first send failed can be sent again and then creates', async () => {
    const name = `Retry task ${Math.random().toString(36).slice(2, 8)}`;
    const form = await run(first, user, 'task.new', { name });
    const data: Record<string, unknown> = { ...submitOf(form, 'task.create'), name };
    const missingProject = '99999999-9999-4999-8999-999999999999';
    const failed = await run(first, user, 'task.create', { ...data, projectId: missingProject });
    expect(cardText(failed)).toContain('not created');
    expect(submitOf(failed, 'task.create').formId).toBe(data.formId);
    expect(await tasksNamed(name)).toHaveLength(0);
    await run(second, user, 'task.create', data);
    expect(await tasksNamed(name)).toHaveLength(1);
  });

  it('project, member and comment forms create once too', async () => {
    const name = `Once project ${Math.random().toString(36).slice(2, 8)}`;
    const projectForm = await run(first, user, 'project.new', { name });
    const projectData = {
      ...submitOf(projectForm, 'project.create'),
      name,
      start: '2027-01-10',
      end: '2027-03-01',
      priority: '1',
    };
    await run(first, user, 'project.create', projectData);
    const repeated = await run(second, user, 'project.create', projectData);
    expect(cardText(repeated)).toContain('Project created');
    const projects = (await api.listProjects({ search: name, top: 10 })).items.filter((p) => p.Name === name);
    expect(projects).toHaveLength(1);
    const projectId = projects[0]!.ProjectId;

    const memberForm = await run(first, user, 'project.addMember', { projectId });
    const contact = (await api.listContacts({ search: 'Sophie' })).items[0]!;
    const memberData = {
      ...submitOf(memberForm, 'project.addMember.submit'),
      contactId: contact.ContactId,
      role: 'partner',
    };
    const added = await Promise.all([
      run(first, user, 'project.addMember.submit', memberData),
      run(second, user, 'project.addMember.submit', memberData),
    ]);
    for (const answer of added) expect(cardText(answer)).toContain('was added as Partner');
    expect((await api.listMembers(projectId)).filter((m) => m.ContactId === contact.ContactId)).toHaveLength(1);

    const commentForm = await run(first, user, 'project.comment', { projectId });
    const commentData = { ...submitOf(commentForm, 'project.comment.submit'), comment: `Note ${name}` };
    await run(first, user, 'project.comment.submit', commentData);
    await run(second, user, 'project.comment.submit', commentData);
    const notes = first.sandbox
      .data(BEN.apiKey)
      .list('ProjectNote')
      .filter((note) => String(note.NoteHtml ?? note.Note ?? '').includes(`Note ${name}`));
    expect(notes).toHaveLength(1);
  });

  it("one person's form id does not reveal or repeat another person's result", async () => {
    const name = `Own task ${Math.random().toString(36).slice(2, 8)}`;
    const form = await run(first, user, 'task.new', { name });
    const data = { ...submitOf(form, 'task.create'), name };
    await run(first, user, 'task.create', data);
    const other = first.newUser('Ben on another account');
    await first.connect(other, BEN.apiKey);
    await run(first, other, 'task.create', data);
    expect(await tasksNamed(name)).toHaveLength(2);
  });
});
