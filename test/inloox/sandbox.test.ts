/**
 * The InLoox client against the real sandbox (HTTP on 127.0.0.1, port 0), beyond the contract every implementation
 * meets (contract.test.ts): escaping, paging over 250+ entities, the limiter under a burst, retries per method with
 * injected faults, each error kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import { createInLooxClientFactory, InLooxClient } from '../../shared/inloox/client';
import { InLooxError } from '../../shared/inloox/errors';
import { createInLooxLinks, parseInLooxLink } from '../../shared/inloox/links';
import { failure } from './failure';

function noKeyIn(error: InLooxError, apiKey: string) {
  const text = [error.message, JSON.stringify(error), error.userMessage('en'), error.userMessage('de')].join('\n');
  expect(text).not.toContain(apiKey);
}

const fastRetry = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

describe('InLooxClient against the sandbox: operations', () => {
  let sandbox: Sandbox;
  let running: RunningSandbox;
  let client: InLooxClient;
  let apiKey: string;

  beforeAll(async () => {
    sandbox = createSandbox({ rateLimit: false });
    running = await sandbox.listen(0);
    apiKey = sandbox.accounts[0]!.apiKey;
    client = new InLooxClient({ baseUrl: running.baseUrl, apiKey, retry: fastRetry });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('me() returns the key owner', async () => {
    const me = await client.me();
    expect(me.ContactId).toBe(sandbox.accounts[0]!.contactId);
    expect(me.DisplayName).toBe(sandbox.accounts[0]!.displayName);
  });

  it('project names for 30 tasks take two calls, not one per project', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await client.createProject({ Name: `Named ${i}` })).ProjectId);
    sandbox.requestLog.clear();
    const names = await client.getProjectNames(ids);
    expect(ids.map((id) => names.get(id)?.Name)).toEqual(ids.map((_, i) => `Named ${i}`));
    const calls = sandbox.requestLog.entries();
    expect(calls.map((e) => `${e.method} ${e.status}`)).toEqual(['GET 200', 'GET 200']);
  });

  it('works the same against the self-hosted base URL form', async () => {
    const selfHosted = new InLooxClient({ baseUrl: running.selfHostedBaseUrl, apiKey, retry: fastRetry });
    const project = await selfHosted.createProject({ Name: 'Self-hosted form' });
    expect((await selfHosted.getProject(project.ProjectId)).Name).toBe('Self-hosted form');
    expect(sandbox.requestLog.entries().some((e) => e.url.startsWith('/api/v1/odata/Project('))).toBe(true);
    const links = createInLooxLinks(running.selfHostedBaseUrl);
    expect(parseInLooxLink(links.project(project.ProjectId), running.selfHostedBaseUrl)).toEqual({
      kind: 'project',
      id: project.ProjectId,
    });
  });
});

describe('InLooxClient against the sandbox: escaping', () => {
  let sandbox: Sandbox;
  let client: InLooxClient;
  const tricky = ["O'Brien & Sons", "') or true or ('", "100% 'quoted' _under_score", 'a+b=c?d#e'];

  beforeAll(async () => {
    sandbox = createSandbox({ rateLimit: false });
    const running = await sandbox.listen(0);
    client = new InLooxClient({ baseUrl: running.baseUrl, apiKey: sandbox.accounts[0]!.apiKey, retry: fastRetry });
    const project = await client.createProject({ Name: 'Escaping Base' });
    for (const name of tricky) {
      await client.createProject({ Name: `Project ${name}` });
      await client.createTask({ Name: `Task ${name}`, ProjectId: project.ProjectId });
    }
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it.each(tricky)('a search for %j finds exactly the entity with that text', async (text) => {
    const projects = await client.listProjects({ search: text });
    expect(projects.items.map((p) => p.Name)).toEqual([`Project ${text}`]);
    const tasks = await client.listTasks({ search: text });
    expect(tasks.items.map((t) => t.Name)).toEqual([`Task ${text}`]);
    expect((await client.findProject(`Project ${text}`))?.Name).toBe(`Project ${text}`);
  });

  it('an injection attempt matches nothing when no name contains it', async () => {
    const all = await client.listProjects();
    expect(all.items.length).toBeGreaterThan(3);
    for (const attempt of ["x') or true or ('", "' or 1 eq 1 or '", 'x) or (true']) {
      expect((await client.listProjects({ search: attempt })).items).toEqual([]);
      expect((await client.listTasks({ search: attempt })).items).toEqual([]);
      expect((await client.listContacts({ search: attempt })).items).toEqual([]);
    }
  });
});

describe('InLooxClient against the sandbox: paging', () => {
  let sandbox: Sandbox;
  let client: InLooxClient;
  let projectId: string;
  const COUNT = 260;

  beforeAll(async () => {
    sandbox = createSandbox({ rateLimit: false, seed: false });
    const running = await sandbox.listen(0);
    const apiKey = sandbox.accounts[0]!.apiKey;
    client = new InLooxClient({ baseUrl: running.baseUrl, apiKey, retry: fastRetry });
    projectId = (await client.createProject({ Name: 'Paging' })).ProjectId;
    const data = sandbox.data(apiKey);
    for (let i = 0; i < COUNT; i++) {
      data.create('Task', { Name: `Paged ${String(i).padStart(3, '0')}`, ProjectId: projectId });
    }
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it(`collects all ${COUNT} tasks by following @odata.nextLink`, async () => {
    sandbox.requestLog.clear();
    const page = await client.listTasks({ projectId });
    expect(page.items).toHaveLength(COUNT);
    expect(new Set(page.items.map((t) => t.TaskItemId)).size).toBe(COUNT);
    expect(page.nextLink).toBeUndefined();
    const gets = sandbox.requestLog.entries().filter((e) => e.method === 'GET');
    expect(gets).toHaveLength(3);
    expect(gets.slice(1).every((e) => e.url.includes('$skip='))).toBe(true);
  });

  it('a top above the server page size is honoured across pages', async () => {
    const page = await client.listTasks({ projectId, top: 150 });
    expect(page.items).toHaveLength(150);
    const skipped = await client.listTasks({ projectId, skip: 250 });
    expect(skipped.items).toHaveLength(COUNT - 250);
  });
});

describe('InLooxClient against the sandbox: rate limit', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  const LIMIT = { calls: 10, windowMs: 1_000 };

  beforeAll(async () => {
    sandbox = createSandbox({ rateLimit: LIMIT });
    baseUrl = (await sandbox.listen(0)).baseUrl;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('a burst of 3x the limit completes without a 429 reaching any caller and without duplicates', async () => {
    const apiKey = sandbox.accounts[0]!.apiKey;
    const create = createInLooxClientFactory({ baseUrl, rateLimit: LIMIT, timeoutMs: 5_000 });
    const client = create(apiKey);
    const me = await client.me();
    sandbox.resetRateLimit();
    sandbox.requestLog.clear();
    const calls = Array.from({ length: LIMIT.calls * 3 }, (_, i) =>
      i % 3 === 0
        ? client.createTask({ Name: `Burst ${i}`, ContactId: me.ContactId })
        : i % 3 === 1
          ? client.listProjects({ top: 5 })
          : client.getContact(me.ContactId),
    );
    const results = await Promise.allSettled(calls);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toEqual([]);
    const created = sandbox
      .data(apiKey)
      .list('Task')
      .filter((t) => String(t.Name).startsWith('Burst '));
    expect(created).toHaveLength(LIMIT.calls);
    const throttled = sandbox.requestLog.entries().filter((e) => e.status === 429).length;
    // The limiter keeps the burst inside the budget, so InLoox should not even have to refuse.
    expect(throttled).toBe(0);
  });

  it('two keys do not share one budget', async () => {
    const create = createInLooxClientFactory({ baseUrl, rateLimit: LIMIT });
    sandbox.resetRateLimit();
    const [a, b] = sandbox.accounts.map((acc) => create(acc.apiKey));
    const results = await Promise.all([
      ...Array.from({ length: LIMIT.calls }, () => a!.me()),
      ...Array.from({ length: LIMIT.calls }, () => b!.listContacts({ top: 1 })),
    ]);
    expect(results).toHaveLength(LIMIT.calls * 2);
  });
});

describe('InLooxClient against the sandbox: retries per method and error kinds', () => {
  let sandbox: Sandbox;
  let running: RunningSandbox;
  let client: InLooxClient;
  let apiKey: string;
  let projectId: string;

  const count = (method: string, pathPart: string) =>
    sandbox.requestLog.entries().filter((e) => e.method === method && e.url.includes(pathPart)).length;
  const tasksNamed = (name: string) =>
    sandbox
      .data(apiKey)
      .list('Task')
      .filter((t) => t.Name === name).length;

  beforeAll(async () => {
    sandbox = createSandbox({ rateLimit: false });
    running = await sandbox.listen(0);
    apiKey = sandbox.accounts[0]!.apiKey;
    client = new InLooxClient({ baseUrl: running.baseUrl, apiKey, timeoutMs: 400, retry: fastRetry });
    projectId = (await client.createProject({ Name: 'Faults' })).ProjectId;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('GET: retried on 503 and 500, succeeds on the third attempt', async () => {
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'GET', path: 'Project(*', status: 503, times: 1 });
    sandbox.faults.add({ method: 'GET', path: 'Project(*', status: 500, times: 1 });
    expect((await client.getProject(projectId)).Name).toBe('Faults');
    expect(count('GET', '/Project(')).toBe(3);
  });

  it('GET: retried after a timeout and after a dropped connection', async () => {
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'GET', path: 'Project(*', timeout: 'never', times: 1 });
    sandbox.faults.add({ method: 'GET', path: 'Project(*', drop: true, times: 1 });
    expect((await client.getProject(projectId)).ProjectId).toBe(projectId);
    expect(count('GET', '/Project(')).toBe(3);
  });

  it('GET: gives up after the configured attempts with unavailable', async () => {
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'GET', path: 'Project(*', status: 502, times: 3 });
    const error = await failure(client.getProject(projectId));
    expect(error.kind).toBe('unavailable');
    expect(count('GET', '/Project(')).toBe(3);
  });

  it('PATCH: retried on 500 (idempotent)', async () => {
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'PATCH', path: 'Project(*', status: 500, times: 1 });
    expect((await client.updateProject(projectId, { Name: 'Faults renamed' })).Name).toBe('Faults renamed');
    expect(count('PATCH', '/Project(')).toBe(2);
  });

  it('DELETE: a retry after a slow, unanswered delete that finds the task gone is success', async () => {
    const task = await client.createTask({ Name: 'Slow delete', ProjectId: projectId });
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'DELETE', path: 'Task(*', timeout: 700, times: 1 });
    await client.deleteTask(task.TaskItemId);
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the slow first delete finish
    expect(count('DELETE', '/Task(')).toBe(2);
    expect((await failure(client.getTask(task.TaskItemId))).kind).toBe('not_found');
  });

  it('POST create: a 500 is not retried and reports outcomeUnknown', async () => {
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'POST', path: 'Task', status: 500, times: 1 });
    const error = await failure(client.createTask({ Name: 'Never twice 500', ProjectId: projectId }));
    expect(error.kind).toBe('unavailable');
    expect(error.details.outcomeUnknown).toBe(true);
    expect(count('POST', '/Task')).toBe(1);
  });

  it('POST create: a timeout is not retried, and the caller learns outcomeUnknown', async () => {
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'POST', path: 'Task', timeout: 700, times: 1 });
    const error = await failure(client.createTask({ Name: 'Never twice slow', ProjectId: projectId }));
    expect(error.kind).toBe('unavailable');
    expect(error.details.outcomeUnknown).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 600)); // past the sandbox's late handling
    expect(count('POST', '/Task')).toBe(1);
    expect(tasksNamed('Never twice slow')).toBeLessThanOrEqual(1);
  });

  it('POST create: a dropped connection is not retried', async () => {
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'POST', path: 'Task', drop: true, times: 1 });
    const error = await failure(client.createTask({ Name: 'Never twice drop', ProjectId: projectId }));
    expect(error.details.outcomeUnknown).toBe(true);
    expect(count('POST', '/Task')).toBe(1);
    expect(tasksNamed('Never twice drop')).toBe(0);
  });

  it('POST create: a 429 is waited out (Retry-After) and the task is created exactly once', async () => {
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'POST', path: 'Task', status: 429, headers: { 'Retry-After': '1' }, times: 1 });
    const task = await client.createTask({ Name: 'After 429', ProjectId: projectId });
    expect(task.Name).toBe('After 429');
    expect(count('POST', '/Task')).toBe(2);
    expect(tasksNamed('After 429')).toBe(1);
  });

  it('POST action: AddNote is not retried on 500', async () => {
    sandbox.requestLog.clear();
    sandbox.faults.add({ method: 'POST', path: 'Project(*)/AddNote', status: 500, times: 1 });
    const error = await failure(client.addProjectNote(projectId, '<p>once</p>'));
    expect(error.details.outcomeUnknown).toBe(true);
    expect(count('POST', '/AddNote')).toBe(1);
  });

  it('auth: an unknown key', async () => {
    const stranger = new InLooxClient({ baseUrl: running.baseUrl, apiKey: 'not-a-real-key-123', retry: fastRetry });
    const error = await failure(stranger.me());
    expect(error.kind).toBe('auth');
    expect(error.details.status).toBe(401);
    noKeyIn(error, 'not-a-real-key-123');
  });

  it('forbidden, conflict and throttled (Retry-After too long) from InLoox', async () => {
    sandbox.faults.add({ method: 'GET', path: 'Project(*', status: 403, times: 1 });
    expect((await failure(client.getProject(projectId))).kind).toBe('forbidden');
    sandbox.faults.add({ method: 'PATCH', path: 'Project(*', status: 409, times: 1 });
    expect((await failure(client.updateProject(projectId, { Name: 'x' }))).kind).toBe('conflict');
    sandbox.faults.add({ method: 'GET', path: 'Project(*', status: 429, headers: { 'Retry-After': '3600' }, times: 1 });
    const throttled = await failure(client.getProject(projectId));
    expect(throttled.kind).toBe('throttled');
    expect(throttled.details.retryAfterSeconds).toBe(3600);
  });

  it('not_found and validation (from InLoox, naming the field when InLoox does)', async () => {
    const missing = await failure(client.getTask('00000000-0000-4000-8000-000000000000'));
    expect(missing.kind).toBe('not_found');
    sandbox.faults.add({
      method: 'PATCH',
      path: 'Task(*',
      status: 400,
      body: { error: { code: 'BadRequest', message: 'The name is reserved.', target: 'Name' } },
      times: 1,
    });
    const invalid = await failure(client.updateTask('00000000-0000-4000-8000-000000000000', { Name: 'Reserved' }));
    expect(invalid.kind).toBe('validation');
    expect(invalid.details.field).toBe('Name');
    expect(invalid.userMessage('de')).toContain('InLoox');
    for (const error of [missing, invalid]) noKeyIn(error, apiKey);
  });

  it('unavailable: malformed JSON', async () => {
    sandbox.faults.add({ method: 'GET', path: 'Project(*', malformedJson: true, times: 3 });
    const error = await failure(client.getProject(projectId));
    expect(error.kind).toBe('unavailable');
    noKeyIn(error, apiKey);
  });

  it('validation before sending: nothing reaches InLoox', async () => {
    sandbox.requestLog.clear();
    const error = await failure(client.createTask({ Name: '', ProjectId: projectId }));
    expect(error.kind).toBe('validation');
    expect(error.details.field).toBe('Name');
    expect(sandbox.requestLog.entries()).toHaveLength(0);
  });
});
