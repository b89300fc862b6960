/** Every card action (Action.Execute through adaptiveCard/action, and the Action.Submit fallback), over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { assertValidCard } from '../helpers/cards';
import { actionsOf, cardText, type BotHarness, type TeamsUser, BEN, startWithBenAndAnna } from './harness';

let bot: BotHarness;
let ben: TeamsUser;
let anna: TeamsUser;
let api: InLooxApi;

beforeAll(async () => {
  ({ bot, ben, anna, benApi: api } = await startWithBenAndAnna());
});
afterAll(async () => bot?.close());

async function run(
  verb: string,
  data: Record<string, unknown> = {},
  options: { user?: TeamsUser; locale?: string; trigger?: 'manual' | 'automatic' } = {},
) {
  const card = await bot.execute(verb, data, {
    user: options.user ?? ben,
    locale: options.locale,
    trigger: options.trigger,
  });
  await assertValidCard(card);
  return card;
}

async function projectId(name: string): Promise<string> {
  return (await api.findProject(name))!.ProjectId;
}

describe('task actions', () => {
  it('creates a task from the form and replaces the form with the task card', async () => {
    const form = await run('task.new', { name: 'Prepare demo' });
    expect(JSON.stringify(form)).toContain('"value":"Prepare demo"');
    const website = await projectId('Website Relaunch');
    const contacts = await api.listContacts({ search: 'Emily' });
    const card = await run('task.create', {
      name: 'Prepare demo',
      projectId: website,
      start: '2026-04-01',
      end: '2026-04-03',
      effort: '3.5',
      assigneeId: contacts.items[0]!.ContactId,
      description: 'Line one\nLine two',
    });
    const text = cardText(card);
    expect(text).toContain('Task created');
    expect(text).toContain('Prepare demo');
    expect(text).toContain('Emily Clarke');
    expect(text).toContain('3.5 h');
    expect(text).toContain('Apr 1, 2026');
    const taskId = String(actionsOf(card)[0]!.data.taskId);
    const stored = await api.getTask(taskId);
    expect(stored).toMatchObject({
      Name: 'Prepare demo',
      ProjectId: website,
      WorkAmount: 3.5,
      ContactId: contacts.items[0]!.ContactId,
    });
    expect(stored.StartDateTime && new Date(stored.StartDateTime).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(stored.DescriptionHTML).toContain('Line one');
  });

  it('"New task" on a project card opens the form with that project selected', async () => {
    const website = await projectId('Website Relaunch');
    const form = await run('task.new', { projectId: website, name: '' });
    const input = JSON.stringify(form);
    expect(input).toContain(`"value":"${website}"`);
    expect(input).toContain('"title":"2026-001 · Website Relaunch"');
  });

  it('the project card lists five open tasks and counts the rest', async () => {
    const project = await api.createProject({ Name: 'Busy project', Priority: 1 });
    for (let i = 1; i <= 12; i++) await api.createTask({ Name: `Busy task ${i}`, ProjectId: project.ProjectId });
    await api.completeTask((await api.createTask({ Name: 'Finished one', ProjectId: project.ProjectId })).TaskItemId);
    const card = await run('project.show', { projectId: project.ProjectId });
    expect(actionsOf(card).filter((a) => a.verb === 'task.show')).toHaveLength(5);
    expect(cardText(card)).toContain('… and 7 more');
    expect(cardText(card)).not.toContain('Finished one');
  });

  it('edits, completes, reopens, comments and deletes (with confirmation)', async () => {
    const task = await api.createTask({ Name: 'Lifecycle task', WorkAmount: 1 });
    const data = { taskId: task.TaskItemId };

    const edit = await run('task.edit', data);
    expect(JSON.stringify(edit)).toContain('"value":"Lifecycle task"');
    expect(actionsOf(edit)[0]).toMatchObject({ verb: 'task.update', data });
    const updated = await run('task.update', {
      ...data,
      name: 'Lifecycle task v2',
      effort: '2',
      start: '',
      end: '',
      description: '',
    });
    expect(cardText(updated)).toContain('Task updated');
    expect((await api.getTask(task.TaskItemId)).Name).toBe('Lifecycle task v2');

    const done = await run('task.complete', data);
    expect(cardText(done)).toContain('Task marked as done');
    expect(actionsOf(done).filter((a) => a.verb.startsWith('task.'))[0]!.verb).toBe('task.reopen');
    expect((await api.getTask(task.TaskItemId)).IsDone).toBe(true);
    const reopened = await run('task.reopen', data, { locale: 'de-DE' });
    expect(cardText(reopened)).toContain('Aufgabe wieder geöffnet');
    expect((await api.getTask(task.TaskItemId)).IsDone).toBe(false);

    const commentForm = await run('task.comment', data);
    expect(JSON.stringify(commentForm)).toContain('"id":"comment"');
    const commented = await run('task.comment.submit', { ...data, comment: 'Looks <good>' });
    expect(cardText(commented)).toContain('Comment added');
    const empty = await run('task.comment.submit', { ...data, comment: '   ' });
    expect(cardText(empty)).toContain('Please enter a comment');

    const confirm = await run('task.delete', data);
    expect(cardText(confirm)).toContain('This cannot be undone');
    expect(actionsOf(confirm).map((a) => a.verb)).toEqual(['task.delete.confirm', 'task.show']);
    expect((await api.getTask(task.TaskItemId)).Name).toBe('Lifecycle task v2');
    const cancelled = await run('task.show', data);
    expect(cardText(cancelled)).toContain('Lifecycle task v2');
    const deleted = await run('task.delete.confirm', data);
    expect(cardText(deleted)).toContain('The task "Lifecycle task v2" was deleted');
    await expect(api.getTask(task.TaskItemId)).rejects.toMatchObject({ kind: 'not_found' });
    const gone = await run('task.show', data);
    expect(cardText(gone)).toContain('no longer exists');
  });

  it('refresh (automatic) shows current InLoox data; people who are not connected keep the card', async () => {
    const task = await api.createTask({ Name: 'Refresh me' });
    await api.updateTask(task.TaskItemId, { Name: 'Refreshed elsewhere' });
    const card = await run('task.show', { taskId: task.TaskItemId }, { trigger: 'automatic' });
    expect(cardText(card)).toContain('Refreshed elsewhere');
    const stranger = bot.newUser();
    const { body } = await bot.invoke(
      'adaptiveCard/action',
      {
        action: { type: 'Action.Execute', verb: 'task.show', data: { taskId: task.TaskItemId } },
        trigger: 'automatic',
      },
      { user: stranger },
    );
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  });

  it('the Action.Submit fallback runs the same verb and replaces the card in place (updateActivity)', async () => {
    const task = await api.createTask({ Name: 'Submit fallback task' });
    const before = bot.connectorLog.length;
    const { status } = await bot.submit(
      { verb: 'task.complete', taskId: task.TaskItemId },
      { user: ben, replyToId: 'activity-42' },
    );
    expect(status).toBe(200);
    const update = bot.connectorLog.slice(before).find((entry) => entry.method === 'PUT');
    expect(update?.activityId).toBe('activity-42');
    const card = (update!.activity.attachments as { content: Record<string, unknown> }[])[0]!.content;
    await assertValidCard(card);
    expect(cardText(card)).toContain('Task marked as done');
    expect((await api.getTask(task.TaskItemId)).IsDone).toBe(true);
  });

  it('another account\'s task id is "not found", never someone else\'s data', async () => {
    const annaApi = await bot.connections.apiFor(anna);
    const annasTask = await annaApi.createTask({ Name: 'Annas private task' });
    for (const verb of ['task.show', 'task.complete', 'task.delete.confirm', 'task.edit']) {
      const card = await run(verb, { taskId: annasTask.TaskItemId });
      expect(cardText(card), verb).toContain('no longer exists');
      expect(cardText(card)).not.toContain('Annas private task');
    }
    expect((await annaApi.getTask(annasTask.TaskItemId)).IsDone).toBe(false);
  });
});

describe('project actions', () => {
  it('creates a project, then edits it', async () => {
    const form = await run('project.new', { name: 'Trade fair 2027' });
    expect(JSON.stringify(form)).toContain('"value":"Trade fair 2027"');
    const client = (await api.listContacts({ search: 'Olivia' })).items[0]!;
    const created = await run('project.create', {
      name: 'Trade fair 2027',
      start: '2027-01-10',
      end: '2027-03-01',
      priority: '2',
      clientId: client.ContactId,
      description: 'Booth',
    });
    expect(cardText(created)).toContain('Project created');
    expect(cardText(created)).toContain('High');
    const projectIdCreated = String(actionsOf(created).find((a) => a.verb === 'project.edit')!.data.projectId);
    const stored = await api.getProject(projectIdCreated);
    expect(stored).toMatchObject({ Name: 'Trade fair 2027', Priority: 2, ClientId: client.ContactId });

    const edit = await run('project.edit', { projectId: projectIdCreated }, { locale: 'de-DE' });
    expect(cardText(edit)).toContain('Projekt bearbeiten');
    expect(JSON.stringify(edit)).toContain('"value":"2027-01-10"');
    const saved = await run('project.update', {
      projectId: projectIdCreated,
      name: 'Trade fair 2027 (Hall 4)',
      start: '2027-01-10',
      end: '2027-03-01',
      priority: '0',
      clientId: 'none',
      description: '',
    });
    expect(cardText(saved)).toContain('Project updated');
    expect(await api.getProject(projectIdCreated)).toMatchObject({ Name: 'Trade fair 2027 (Hall 4)', Priority: 0 });
  });

  it('adds a member with a role, adds a comment, archives and deletes with confirmations', async () => {
    const project = await api.createProject({ Name: 'Member project', Priority: 1 });
    const data = { projectId: project.ProjectId };
    const form = await run('project.addMember', data);
    const formText = cardText(form);
    for (const role of ['Project Manager', 'Team Member', 'Partner', 'Customer', 'Other'])
      expect(formText).toContain(role);
    expect(JSON.stringify(form)).toContain('"dataset":"contacts"');
    const sophie = (await api.listContacts({ search: 'Sophie' })).items[0]!;
    const added = await run('project.addMember.submit', { ...data, contactId: sophie.ContactId, role: 'partner' });
    expect(cardText(added)).toContain('Sophie Müller was added as Partner');
    expect(
      (await api.listMembers(project.ProjectId)).some((m) => m.ContactId === sophie.ContactId && m.Role === 8),
    ).toBe(true);
    const badRole = await run('project.addMember.submit', { ...data, contactId: sophie.ContactId, role: 'boss' });
    expect(cardText(badRole)).toContain('Please choose a role');

    const comment = await run('project.comment.submit', { ...data, comment: 'Kick-off done' });
    expect(cardText(comment)).toContain('Comment added');
    expect(
      bot.sandbox
        .data(BEN.apiKey)
        .list('ProjectNote')
        .some((n) => n.ProjectId === project.ProjectId && String(n.NoteHtml ?? n.Note ?? '').includes('Kick-off done')),
    ).toBe(true);

    const archiveConfirm = await run('project.archive', data);
    expect(cardText(archiveConfirm)).toContain('will be archived');
    const archived = await run('project.archive.confirm', data);
    expect(cardText(archived)).toContain('Project archived');
    expect((await api.getProject(project.ProjectId)).IsArchived).toBe(true);

    const task = await api.createTask({ Name: 'Goes with the project', ProjectId: project.ProjectId });
    const deleteConfirm = await run('project.delete', data, { locale: 'de-DE' });
    expect(cardText(deleteConfirm)).toContain('ALLE SEINE AUFGABEN WERDEN EBENFALLS GELÖSCHT');
    expect((await api.getProject(project.ProjectId)).Name).toBe('Member project');
    const deleted = await run('project.delete.confirm', data);
    expect(cardText(deleted)).toContain('and its tasks were deleted');
    await expect(api.getProject(project.ProjectId)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(api.getTask(task.TaskItemId)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('tampered or invalid card data', () => {
  it('unknown verbs, wrong types, invalid ids and overlong text get clear errors, never a 500', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['task.explode', {}, /action is not known/],
      ['task.show', { taskId: 'not-a-guid' }, /cannot use \(taskId\)/],
      ['task.show', { taskId: 12 }, /cannot use \(taskId\)/],
      ['project.show', {}, /cannot use \(projectId\)/],
      ['projects.list', { search: 'x'.repeat(500) }, /too long/],
      ['task.create', { name: 'x'.repeat(400) }, /too long \(at most 255/],
      [
        'task.create',
        { name: 'Ok', start: '2026-05-02', end: '2026-05-01' },
        /end date must not be before the start date/,
      ],
      ['task.create', { name: 'Ok', effort: 'lots' }, /between 0 and 10000/],
      ['project.create', { name: 'Ok', priority: '7' }, /choose a priority/],
      [
        'task.comment.submit',
        { taskId: '00000000-0000-4000-8000-000000000000', comment: 'x'.repeat(5000) },
        /too long|no longer exists/,
      ],
    ];
    for (const [verb, data, message] of cases) {
      const { status, body } = await bot.invoke(
        'adaptiveCard/action',
        { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        { user: ben },
      );
      expect(status, verb).toBe(200);
      expect(body.statusCode).toBe(200);
      await assertValidCard(body.value);
      expect(cardText(body.value), `${verb} ${JSON.stringify(data).slice(0, 60)}`).toMatch(message);
    }
    const { body } = await bot.invoke(
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb: 'task.show', data: 'oops' } },
      { user: ben },
    );
    expect(cardText(body.value)).toMatch(/cannot use/);
    const garbage = await bot.invoke('adaptiveCard/action', 'not an object', { user: ben });
    expect(garbage.status).toBe(200);
    expect(cardText(garbage.body.value)).toMatch(/action is not known/);
  });

  it('a failed create keeps every entered value in the form', async () => {
    const values = {
      name: 'Keep me',
      start: '2026-06-10',
      end: '2026-06-01',
      effort: '4',
      description: 'All my careful notes',
    };
    const card = await run('task.create', values);
    const json = JSON.stringify(card);
    expect(cardText(card)).toContain('Please check your input');
    for (const value of ['Keep me', '2026-06-10', '2026-06-01', 'All my careful notes'])
      expect(json).toContain(`"value":"${value}"`);
    expect(json).toContain('"value":4');
  });
});
