/** Typeahead search, message extensions (action, search) and link unfurling over HTTP, in English and German. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { createInLooxLinks } from '../../shared/inloox/links';
import { assertValidCard } from '../helpers/cards';
import { actionsOf, cardText, type BotHarness, type TeamsUser, BEN, startWithBen } from './harness';

let bot: BotHarness;
let ben: TeamsUser;
let api: InLooxApi;

beforeAll(async () => {
  ({ bot, ben, benApi: api } = await startWithBen());
});
afterAll(async () => bot?.close());

type Attachment = { contentType: string; content: Record<string, unknown>; preview?: { content: { title: string } } };

describe('application/search (dynamic typeahead)', () => {
  it('answers the projects and contacts datasets with at most 15 results', async () => {
    const data = bot.sandbox.data(BEN.apiKey);
    for (let i = 0; i < 20; i++) data.create('Project', { Name: `Typeahead ${i}` });
    const { status, body } = await bot.invoke(
      'application/search',
      { queryText: 'typeahead', dataset: 'projects', queryOptions: { skip: 0, top: 50 } },
      { user: ben },
    );
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
    const results = (body.value as { results: { title: string; value: string }[] }).results;
    expect(results).toHaveLength(15);
    expect(results.every((r) => r.title.includes('Typeahead') && /^[0-9a-f-]{36}$/.test(r.value))).toBe(true);

    const contacts = await bot.invoke(
      'application/search',
      { queryText: 'müller', dataset: 'contacts' },
      { user: ben, locale: 'de-DE' },
    );
    const found = (contacts.body.value as { results: { title: string }[] }).results;
    expect(found.map((r) => r.title)).toEqual([expect.stringContaining('Sophie Müller')]);
  });

  it('rejects unknown datasets and people who are not connected with a clear error', async () => {
    const unknown = await bot.invoke('application/search', { queryText: 'x', dataset: 'passwords' }, { user: ben });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    const stranger = await bot.invoke(
      'application/search',
      { queryText: 'x', dataset: 'projects' },
      { user: bot.newUser(), locale: 'de-DE' },
    );
    expect(stranger.body).toMatchObject({
      statusCode: 409,
      value: { code: 'not_connected', message: expect.stringContaining('nicht mit InLoox verbunden') },
    });
  });
});

describe('message action "Create InLoox task"', () => {
  const messagePayload = {
    id: '1700000000000',
    linkToMessage: 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1700000000000',
    body: {
      contentType: 'html',
      content: '<p>Please <b>review</b> the offer for <at id="0">Emily</at></p><script>alert(1)</script><p>Thanks</p>',
    },
  };

  it('opens the task form prefilled from the message (sanitized) with a link back, and creates the task', async () => {
    const { status, body } = await bot.invoke(
      'composeExtension/fetchTask',
      { commandId: 'createTask', commandContext: 'message', messagePayload },
      { user: ben },
    );
    expect(status).toBe(200);
    const task = body.task as { type: string; value: { title: string; card: Attachment } };
    expect(task.type).toBe('continue');
    expect(task.value.title).toBe('Create InLoox task');
    const card = task.value.card.content;
    await assertValidCard(card);
    const json = JSON.stringify(card);
    expect(json).not.toContain('Action.Execute');
    expect(json).toContain('"value":"Please review the offer for @Emily"');
    expect(json).not.toContain('<script');
    expect(cardText(card)).toContain(messagePayload.linkToMessage);

    const submitData = (card.actions as { data: Record<string, unknown> }[])[0]!.data;
    expect(submitData.verb).toBe('task.create');
    const inputs = {
      name: 'Review the offer',
      projectId: '',
      start: '',
      end: '',
      effort: '',
      assigneeId: '',
      description: submitData.sourceText,
    };
    const result = await bot.invoke(
      'composeExtension/submitAction',
      { commandId: 'createTask', commandContext: 'message', messagePayload, data: { ...submitData, ...inputs } },
      { user: ben },
    );
    const extension = result.body.composeExtension as { type: string; attachments: Attachment[] };
    expect(extension.type).toBe('result');
    const created = extension.attachments[0]!.content;
    await assertValidCard(created);
    expect(cardText(created)).toContain('Review the offer');
    const taskId = String(actionsOf(created).find((a) => a.data.taskId)!.data.taskId);
    const stored = await api.getTask(taskId);
    expect(stored.DescriptionHTML).toContain('<b>review</b>');
    expect(stored.DescriptionHTML).not.toContain('script');
    expect(stored.DescriptionHTML).toContain(`href="${messagePayload.linkToMessage}"`);
  });

  it('keeps the dialog under 28 KB for very long messages', async () => {
    const paragraph = '<p>Lorem "ipsum" <b>dolor</b> sit amet, consectetur adipiscing elit &amp; more.</p>';
    for (const repeat of [60, 400]) {
      const long = { ...messagePayload, body: { contentType: 'html', content: paragraph.repeat(repeat) } };
      const { body } = await bot.invoke(
        'composeExtension/fetchTask',
        { commandId: 'createTask', messagePayload: long },
        { user: ben },
      );
      const card = (body.task as { value: { card: Attachment } }).value.card.content;
      await assertValidCard(card);
    }
  });

  it('a failed submit keeps the dialog open with the entered values', async () => {
    const result = await bot.invoke(
      'composeExtension/submitAction',
      {
        commandId: 'createTask',
        data: { verb: 'task.create', name: 'Half typed', start: '2026-02-02', end: '2026-01-01' },
      },
      { user: ben, locale: 'de-DE' },
    );
    const task = result.body.task as { value: { card: Attachment } };
    const card = task.value.card.content;
    await assertValidCard(card);
    expect(cardText(card)).toContain('Das Enddatum darf nicht vor dem Startdatum liegen');
    expect(JSON.stringify(card)).toContain('"value":"Half typed"');
  });

  it('asks a person who is not connected to connect inside the dialog, then shows the form', async () => {
    const user = bot.newUser();
    const fetched = await bot.invoke(
      'composeExtension/fetchTask',
      { commandId: 'createTask', messagePayload },
      { user },
    );
    const connectCard = (fetched.body.task as { value: { card: Attachment } }).value.card.content;
    await assertValidCard(connectCard);
    expect(JSON.stringify(connectCard)).toContain('"style":"password"');
    const connected = await bot.invoke(
      'composeExtension/submitAction',
      { commandId: 'createTask', messagePayload, data: { verb: 'connect.submit', apiKey: BEN.apiKey } },
      { user },
    );
    const form = (connected.body.task as { value: { card: Attachment } }).value.card.content;
    expect(JSON.stringify(form)).toContain('"value":"Please review the offer for @Emily"');
    expect(JSON.stringify(connected.body)).not.toContain(BEN.apiKey);
  });
});

describe('search command and link unfurling', () => {
  it('finds projects and tasks by text and returns cards with previews', async () => {
    const { body } = await bot.invoke(
      'composeExtension/query',
      {
        commandId: 'searchInLoox',
        parameters: [{ name: 'query', value: 'website' }],
        queryOptions: { skip: 0, count: 25 },
      },
      { user: ben },
    );
    const extension = body.composeExtension as { type: string; attachments: Attachment[] };
    expect(extension.type).toBe('result');
    expect(extension.attachments.map((a) => a.preview!.content.title)).toContain('2026-001 · Website Relaunch');
    for (const attachment of extension.attachments) await assertValidCard(attachment.content);
    const tasks = await bot.invoke(
      'composeExtension/query',
      { commandId: 'searchInLoox', parameters: [{ name: 'query', value: 'Flyer' }] },
      { user: ben, locale: 'de-DE' },
    );
    const taskResults = (tasks.body.composeExtension as { attachments: Attachment[] }).attachments;
    expect(taskResults.map((a) => a.preview!.content.title)).toEqual(['Flyer drucken lassen']);
    expect(cardText(taskResults[0]!.content)).toContain('Aufgabe');
    const none = await bot.invoke(
      'composeExtension/query',
      { commandId: 'searchInLoox', parameters: [{ name: 'query', value: 'qqqqzzzz' }] },
      { user: ben },
    );
    expect(none.body.composeExtension).toEqual({ type: 'message', text: 'No projects or tasks found.' });
    const stranger = await bot.invoke(
      'composeExtension/query',
      { commandId: 'searchInLoox', parameters: [{ name: 'query', value: 'x' }] },
      { user: bot.newUser() },
    );
    expect((stranger.body.composeExtension as { text: string }).text).toContain('Connect to InLoox first');
  });

  it('the search command names the projects of all found tasks with one lookup, not a read per project', async () => {
    bot.sandbox.requestLog.clear();
    const { body } = await bot.invoke(
      'composeExtension/query',
      { commandId: 'searchInLoox', parameters: [{ name: 'initialRun', value: 'true' }] },
      { user: ben },
    );
    const reads = bot.sandbox.requestLog
      .entries()
      .filter((e) => e.method === 'GET' && /\/Project[(?]/.test(e.url))
      .map((e) => decodeURIComponent(e.url));
    const attachments = (body.composeExtension as { attachments: Attachment[] }).attachments;
    const tasks = (await api.listTasks({ open: true, top: 5 })).items;
    const projectIds = [...new Set(tasks.map((t) => t.ProjectId).filter(Boolean))];
    expect(projectIds.length).toBeGreaterThan(1);
    for (const task of tasks.filter((t) => t.ProjectId)) {
      const card = attachments.find((a) => a.preview!.content.title === task.Name)!;
      expect(cardText(card.content)).toContain((await api.getProject(task.ProjectId!)).Name);
    }
    // Project(id) reads of single projects; the project cards' member lists are not name lookups.
    expect(reads.filter((url) => /\/Project\([0-9a-f-]+\)$/.test(url))).toEqual([]);
    expect(reads.filter((url) => url.includes('$select=ProjectId,Name,Number'))).toHaveLength(1);
  });

  it('unfurls app.inloox.com and configured-host links to projects and tasks, and ignores other links', async () => {
    const project = (await api.findProject('Website Relaunch'))!;
    const task = (await api.listTasks({ search: 'Set up CMS' })).items[0]!;
    const cloud = createInLooxLinks('https://app.inloox.com/api/odata/');
    const configured = createInLooxLinks(bot.sandboxBaseUrl);
    for (const [url, expected] of [
      [cloud.project(project.ProjectId), 'Website Relaunch'],
      [configured.task(task.TaskItemId), 'Set up CMS'],
    ] as const) {
      const { status, body } = await bot.invoke('composeExtension/queryLink', { url }, { user: ben });
      expect(status).toBe(200);
      const attachments = (body.composeExtension as { attachments: Attachment[] }).attachments;
      expect(attachments).toHaveLength(1);
      await assertValidCard(attachments[0]!.content);
      expect(cardText(attachments[0]!.content)).toContain(expected);
    }
    const other = await bot.invoke(
      'composeExtension/queryLink',
      { url: `https://evil.example.com/project/${project.ProjectId}` },
      { user: ben },
    );
    expect((other.body.composeExtension as { attachments: unknown[] }).attachments).toEqual([]);
    const missing = await bot.invoke(
      'composeExtension/queryLink',
      { url: cloud.task('00000000-0000-4000-8000-000000000001') },
      { user: ben, locale: 'de-DE' },
    );
    expect((missing.body.composeExtension as { text: string }).text).toContain('gibt es in InLoox nicht mehr');
  });
});
