/**
 * The add-in API remembers what a mail was filed to and answers "already in InLoox": recorded on create, on a task
 * comment and on a project comment; no InLoox call to remember, none for a mail never filed, one per kind of target
 * to show; nothing for a mail without internetMessageId; per person; gone on disconnect. The description header links
 * back to the mail and lists its attachments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, DEV, startAddinHarness, testIdentify, withoutFavorites, type AddinHarness } from './harness';

let h: AddinHarness;
let projectId: string;
let projectName: string;

const MAIL = { internetMessageId: '<offer-7@customer.example>', conversationId: 'AAQkConvOffer' };
const REPLY = { internetMessageId: '<offer-8@customer.example>', conversationId: 'AAQkConvOffer' };

beforeAll(async () => {
  h = await startAddinHarness({ identify: testIdentify });
  const project = (await h.inlooxApi.listProjects({ top: 1 })).items[0]!;
  projectId = project.ProjectId;
  projectName = project.Name;
  await withoutFavorites(h.inlooxApi);
  await h.services.connections.connect(DEV, h.apiKey);
});
afterAll(async () => {
  await h?.close();
});

const calls = () => h.sandbox.requestLog.entries().filter((entry) => !entry.url.startsWith('/_sandbox'));

function createBody(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    projectId,
    startDateTime: '2025-04-08T06:00:00.000Z',
    endDateTime: '2025-04-15T15:00:00.000Z',
    workAmount: 1,
    descriptionHtml: '<p>desc</p>',
    formId: crypto.randomUUID(),
    ...extra,
  };
}

describe('add-in API: what a mail was filed to', () => {
  let taskId: string;

  it('a mail never filed costs no InLoox call; a mail without internetMessageId is not looked up at all', async () => {
    h.sandbox.requestLog.clear();
    const never = await h.call('POST', '/addin/api/filed', { body: MAIL });
    expect(never.body).toEqual({ remembered: true, message: [], conversation: [] });
    const noId = await h.call('POST', '/addin/api/filed', { body: { conversationId: MAIL.conversationId } });
    expect(noId.body).toEqual({ remembered: false, message: [], conversation: [] });
    expect(calls()).toEqual([]);
  });

  it('remembers a created task without an extra InLoox call, then shows it with its state in one call', async () => {
    h.sandbox.requestLog.clear();
    const created = await h.call('POST', '/addin/api/tasks', { body: createBody('Offer follow-up', { mail: MAIL }) });
    expect(created.status).toBe(200);
    taskId = created.body.task.id;
    expect(calls().map((c) => c.method)).toEqual(['POST']);

    h.sandbox.requestLog.clear();
    const filed = await h.call('POST', '/addin/api/filed', { body: MAIL });
    expect(filed.body.remembered).toBe(true);
    expect(filed.body.message).toEqual([
      {
        kind: 'task',
        id: taskId,
        name: 'Offer follow-up',
        done: false,
        link: created.body.link,
        filedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(filed.body.conversation).toEqual([]);
    expect(calls()).toHaveLength(1);
    expect(calls()[0]!.method).toBe('GET');

    // Another mail of the conversation finds the task as the conversation's.
    const reply = await h.call('POST', '/addin/api/filed', { body: REPLY });
    expect(reply.body.message).toEqual([]);
    expect(reply.body.conversation.map((t: { id: string }) => t.id)).toEqual([taskId]);

    // The state is InLoox's current one.
    await h.inlooxApi.completeTask(taskId);
    const done = await h.call('POST', '/addin/api/filed', { body: MAIL });
    expect(done.body.message[0].done).toBe(true);
    await h.inlooxApi.reopenTask(taskId);
  });

  it('a second person sees nothing of it', async () => {
    await h.services.connections.connect(ALICE, h.apiKey);
    const other = await h.call('POST', '/addin/api/filed', { body: MAIL, token: 'alice' });
    expect(other.body).toEqual({ remembered: true, message: [], conversation: [] });
  });

  it('adding the mail to a task and to a project remembers both; a repeated send adds one comment', async () => {
    const note = { html: '<p>the mail</p>', mail: REPLY, formId: crypto.randomUUID() };
    const first = await h.call('POST', `/addin/api/tasks/${taskId}/notes`, { body: note });
    const again = await h.call('POST', `/addin/api/tasks/${taskId}/notes`, { body: note });
    expect([first.status, again.status]).toEqual([200, 200]);
    const taskNotes = h.sandbox
      .data(h.apiKey)
      .raw('TaskNote')
      .filter((n) => String(n.TaskItemId).toLowerCase() === taskId.toLowerCase());
    expect(taskNotes).toHaveLength(1);

    const projectNote = { html: '<p>the offer mail</p>', mail: MAIL, formId: crypto.randomUUID() };
    const before = h.sandbox.data(h.apiKey).raw('ProjectNote').length;
    const [p1, p2] = await Promise.all([
      h.call('POST', `/addin/api/projects/${projectId}/notes`, { body: projectNote }),
      h.call('POST', `/addin/api/projects/${projectId}/notes`, { body: projectNote }),
    ]);
    expect([p1.status, p2.status]).toEqual([200, 200]);
    expect(p1.body).toEqual({ projectId: projectId.toLowerCase(), link: expect.stringContaining('/project/') });
    const projectNotes = h.sandbox.data(h.apiKey).raw('ProjectNote');
    expect(projectNotes.length).toBe(before + 1);
    expect(JSON.stringify(projectNotes.at(-1))).toContain('the offer mail');

    h.sandbox.requestLog.clear();
    const filed = await h.call('POST', '/addin/api/filed', { body: MAIL });
    expect(filed.body.message.map((t: { kind: string; name: string }) => [t.kind, t.name])).toEqual([
      ['project', projectName],
      ['task', 'Offer follow-up'],
    ]);
    // One Task query and one Project query, side by side.
    expect(calls()).toHaveLength(2);
    const reply = await h.call('POST', '/addin/api/filed', { body: REPLY });
    expect(reply.body.message.map((t: { id: string }) => t.id)).toEqual([taskId]);
    expect(reply.body.conversation.map((t: { kind: string }) => t.kind)).toEqual(['project']);
  });

  it('leaves out a filed task that was deleted in InLoox', async () => {
    const mail = { internetMessageId: '<gone@customer.example>' };
    const created = await h.call('POST', '/addin/api/tasks', { body: createBody('Soon deleted', { mail }) });
    await h.inlooxApi.deleteTask(created.body.task.id);
    const filed = await h.call('POST', '/addin/api/filed', { body: mail });
    expect(filed.body).toEqual({ remembered: true, message: [], conversation: [] });
  });

  it('creates normally without memory when the mail ids are missing or unreadable', async () => {
    const plain = await h.call('POST', '/addin/api/tasks', { body: createBody('No memory') });
    expect(plain.status).toBe(200);
    const odd = await h.call('POST', '/addin/api/tasks', {
      body: createBody('Odd ids', { mail: { internetMessageId: 'x'.repeat(5000) } }),
    });
    expect(odd.status).toBe(200);
    const filed = await h.call('POST', '/addin/api/filed', { body: { internetMessageId: 'x'.repeat(5000) } });
    expect(filed.body).toEqual({ remembered: false, message: [], conversation: [] });
  });

  it('refuses a project comment to a malformed project id in the person’s language', async () => {
    const bad = await h.call('POST', '/addin/api/projects/not-a-guid/notes', {
      body: { html: '<p>x</p>' },
      locale: 'de',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('projectId');
    expect(bad.body.error.message).toMatch(/Projekt/);
    const empty = await h.call('POST', `/addin/api/projects/${projectId}/notes`, { body: { html: '' } });
    expect(empty.status).toBe(400);
  });

  it('forgets every filing of the person when they disconnect', async () => {
    const disconnected = await h.call('POST', '/addin/api/disconnect', { body: {} });
    expect(disconnected.status).toBe(200);
    await h.services.connections.connect(DEV, h.apiKey);
    h.sandbox.requestLog.clear();
    const filed = await h.call('POST', '/addin/api/filed', { body: MAIL });
    expect(filed.body).toEqual({ remembered: true, message: [], conversation: [] });
    expect(calls()).toEqual([]);
  });
});

describe('add-in API: the description header', () => {
  it('links back to the mail in Outlook on the web and lists the attachments with type and size', async () => {
    const preview = await h.call('POST', '/addin/api/preview', {
      body: {
        email: {
          subject: 'Offer',
          to: [],
          cc: [],
          bodyHtml: '<p>see attached</p>',
          restId: 'AAMkAGI2TG93AAA-_=',
          attachments: [
            { name: 'Offer.pdf', contentType: 'application/pdf', size: 1_258_291, isInline: false },
            { name: 'logo.png', contentType: 'image/png', size: 100, isInline: true, contentId: 'logo' },
          ],
        },
        trimQuoted: true,
      },
      locale: 'de',
    });
    expect(preview.status).toBe(200);
    const html: string = preview.body.html;
    expect(html).toContain(
      'href="https://outlook.office.com/owa/?ItemID=AAMkAGI2TG93AAA-_%3D&amp;exvsurl=1&amp;viewmodel=ReadMessageItem"',
    );
    expect(html).toContain('E-Mail in Outlook im Web öffnen');
    expect(html).toContain('Offer.pdf (application/pdf, 1,2 MB)');
    expect(html).not.toContain('logo.png (');
    expect(html).toContain('Die angehängten Dateien bleiben in der E-Mail');
  });

  it('has no link for an id Outlook would not give, and no file note without attachments', async () => {
    const preview = await h.call('POST', '/addin/api/preview', {
      body: {
        email: { subject: 'x', to: [], cc: [], bodyHtml: '<p>x</p>', restId: 'javascript:alert(1)' },
        trimQuoted: true,
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.html).not.toContain('outlook.office.com');
    expect(preview.body.html).not.toContain('javascript');
    expect(preview.body.html).not.toContain('files stay');
  });
});

describe('add-in API: quick task', () => {
  const quick = (mail: Record<string, string> | undefined, extra: Record<string, unknown> = {}) => ({
    email: { subject: 'Quick one', to: [], cc: [], bodyHtml: '<p>quick body</p>' },
    trimQuoted: true,
    name: 'Quick one',
    startDateTime: '2025-04-08T06:00:00.000Z',
    endDateTime: '2025-04-15T15:00:00.000Z',
    formId: crypto.randomUUID(),
    ...(mail ? { mail } : {}),
    ...extra,
  });

  it('two presses at once on the same mail create one task in the last used project; both answer it', async () => {
    await h.call('POST', '/addin/api/tasks', { body: createBody('Sets the last project') });
    const mail = { internetMessageId: '<quick-1@customer.example>' };
    h.sandbox.requestLog.clear();
    const [a, b] = await Promise.all([
      h.call('POST', '/addin/api/quick-task', { body: quick(mail) }),
      h.call('POST', '/addin/api/quick-task', { body: quick(mail) }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // Project name + POST Task: the press that created; the other waited for its result.
    expect(calls().map((c) => c.method)).toEqual(['GET', 'POST']);
    expect(a.body.task.id).toBe(b.body.task.id);
    expect([a.body.status, b.body.status].sort()).toEqual(['created', 'existing']);
    expect(a.body.projectName).toBe(projectName);
    expect((await h.inlooxApi.listTasks({ search: 'Quick one' })).items).toHaveLength(1);
    const filed = await h.call('POST', '/addin/api/filed', { body: mail });
    expect(filed.body.message.map((t: { id: string }) => t.id)).toEqual([a.body.task.id]);
  });

  it('answers no_project and creates nothing for a person who never chose a project, and when it was deleted', async () => {
    await h.services.connections.connect(ALICE, h.apiKey);
    const none = await h.call('POST', '/addin/api/quick-task', { body: quick(undefined), token: 'alice' });
    expect(none.body).toEqual({ status: 'no_project' });
    const project = await h.inlooxApi.createProject({ Name: 'Short-lived quick project' });
    await h.call('POST', '/addin/api/tasks', {
      body: createBody('In the short-lived project', { projectId: project.ProjectId }),
      token: 'alice',
    });
    await h.inlooxApi.deleteProject(project.ProjectId);
    const gone = await h.call('POST', '/addin/api/quick-task', { body: quick(undefined), token: 'alice' });
    expect(gone.body).toEqual({ status: 'no_project' });
  });

  it('uses the first favorite project while no used project is left', async () => {
    await h.services.connections.connect(ALICE, h.apiKey);
    // The test before left Alice without a usable last project.
    const before = await h.call('POST', '/addin/api/quick-task', { body: quick(undefined), token: 'alice' });
    expect(before.body).toEqual({ status: 'no_project' });
    const favorite = await h.inlooxApi.createProject({ Name: 'Starred quick project' });
    await h.inlooxApi.setFavorite(favorite.ProjectId, true);
    const created = await h.call('POST', '/addin/api/quick-task', {
      body: quick(undefined, { name: 'Into the favorite' }),
      token: 'alice',
    });
    expect(created.body.status).toBe('created');
    expect(created.body.task.projectId.toLowerCase()).toBe(favorite.ProjectId.toLowerCase());
    expect(created.body.projectName).toBe('Starred quick project');
    expect((await h.inlooxApi.listTasks({ search: 'Into the favorite' })).items[0]?.ProjectId?.toLowerCase()).toBe(
      favorite.ProjectId.toLowerCase(),
    );
    await h.inlooxApi.setFavorite(favorite.ProjectId, false);
  });

  it('refuses a quick task without a name or with the end before the start', async () => {
    const bad = await h.call('POST', '/addin/api/quick-task', {
      body: quick(undefined, { endDateTime: '2025-01-01T00:00:00.000Z' }),
      locale: 'de',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('endDateTime');
    const noName = await h.call('POST', '/addin/api/quick-task', { body: quick(undefined, { name: '' }) });
    expect(noName.status).toBe(400);
  });
});
