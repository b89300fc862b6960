import { describe, expect, it } from 'vitest';
import { createInLooxClientFactory, InLooxClient } from '../../shared/inloox/client';
import { InLooxError, type InLooxErrorKind } from '../../shared/inloox/errors';
import { MemoryLimiterStore, RateLimiter } from '../../shared/inloox/limiter';
import { MemberRole, type MemberRole as MemberRoleValue } from '../../shared/inloox/types';
import { empty, fakeFetch, FIXTURE_IDS, fixtures, json, networkError, timeoutError, type Answer } from './fake-fetch';
import { failure } from './failure';

const BASE = 'https://inloox.example.org/api/v1/odata/';
const API_KEY = 'pat_SECRET_0123456789abcdef';
const PROJECT = FIXTURE_IDS.project;
const TASK = FIXTURE_IDS.task;
const CONTACT = '11111111-2222-4333-8444-555555555555';

const task = fixtures.task;
const project = fixtures.project;

function setup(answers: Answer[] | ((r: import('./fake-fetch').RecordedRequest) => Response | Error)) {
  const fake = fakeFetch(answers);
  const sleeps: number[] = [];
  const client = new InLooxClient({
    baseUrl: BASE,
    apiKey: API_KEY,
    fetch: fake.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
  });
  return { client, requests: fake.requests, sleeps };
}

function expectNoKey(error: InLooxError) {
  const everything = [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(error.details),
    error.userMessage('en'),
    error.userMessage('de'),
  ].join('\n');
  expect(everything).not.toContain(API_KEY);
}

describe('InLooxClient requests', () => {
  it('sends x-api-key to the configured self-hosted base, refuses redirects, and parses the entity', async () => {
    const { client, requests } = setup([json(task())]);
    const result = await client.getTask(TASK);
    expect(result).toMatchObject({ TaskItemId: TASK, Name: 'Write report', IsDone: false, WorkAmount: 2 });
    expect(requests[0]!.url.href).toBe(`${BASE}Task(${TASK})`);
    expect(requests[0]!.headers['x-api-key']).toBe(API_KEY);
    expect(requests[0]!.redirect).toBe('manual');
  });

  it('a redirect is an error, never followed with the key', async () => {
    const { client, requests } = setup([empty(302, { location: 'https://evil.example.com/steal' })]);
    const error = await failure(client.getTask(TASK));
    expect(error.kind).toBe('unavailable');
    expect(requests).toHaveLength(1);
  });

  it('creates a task with validated input and Prefer: return=representation', async () => {
    const { client, requests } = setup([json(task({ Name: 'New' }), 201)]);
    const created = await client.createTask({
      Name: '  New  ',
      ProjectId: PROJECT,
      StartDateTime: '2025-04-01T09:00:00Z',
      EndDateTime: '2025-04-02T17:00:00+02:00',
      WorkAmount: 1.5,
    });
    expect(created.Name).toBe('New');
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.url.href).toBe(`${BASE}Task`);
    expect(requests[0]!.headers.prefer).toBe('return=representation');
    expect(requests[0]!.body).toEqual({
      Name: 'New',
      ProjectId: PROJECT,
      StartDateTime: '2025-04-01T09:00:00Z',
      EndDateTime: '2025-04-02T17:00:00+02:00',
      WorkAmount: 1.5,
    });
  });

  it('reloads a created entity from OData-EntityId when InLoox answers 204', async () => {
    const { client, requests } = setup([
      empty(204, { 'odata-entityid': `${BASE}Project(${PROJECT})` }),
      json(project({ Name: 'Created' })),
    ]);
    const created = await client.createProject({ Name: 'Created' });
    expect(created.Name).toBe('Created');
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/v1/odata/Project',
      `GET /api/v1/odata/Project(${PROJECT})`,
    ]);
  });

  it('completes and reopens tasks through IsDone, archives projects through IsArchived', async () => {
    const { client, requests } = setup([
      json(task({ IsDone: true })),
      json(task({ IsDone: false })),
      json(project({ IsArchived: true })),
    ]);
    expect((await client.completeTask(TASK)).IsDone).toBe(true);
    expect((await client.reopenTask(TASK)).IsDone).toBe(false);
    expect((await client.archiveProject(PROJECT)).IsArchived).toBe(true);
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ['PATCH', `/api/v1/odata/Task(${TASK})`, { IsDone: true }],
      ['PATCH', `/api/v1/odata/Task(${TASK})`, { IsDone: false }],
      ['PATCH', `/api/v1/odata/Project(${PROJECT})`, { IsArchived: true }],
    ]);
  });

  it('members and notes use the documented bound operations', async () => {
    const { client, requests } = setup([
      empty(204),
      json({ value: [{ ContactRelationId: CONTACT, ContactId: CONTACT, Role: 4, DisplayName: 'Ann' }] }),
      empty(204),
      empty(204),
    ]);
    await client.addMember(PROJECT, CONTACT, MemberRole.Team);
    expect(await client.listMembers(PROJECT)).toEqual([
      expect.objectContaining({ ContactId: CONTACT, Role: 4, DisplayName: 'Ann' }),
    ]);
    await client.addProjectNote(PROJECT, '<p>Hi</p>', [CONTACT]);
    await client.addTaskNote(TASK, '<p>Done?</p>');
    expect(requests.map((r) => [r.method, decodeURIComponent(r.url.pathname), r.body])).toEqual([
      ['POST', `/api/v1/odata/Project(${PROJECT})/AddMember`, { contactId: CONTACT, role: 4 }],
      ['GET', `/api/v1/odata/Project(${PROJECT})/GetProjectContactRelations()`, undefined],
      [
        'POST',
        `/api/v1/odata/Project(${PROJECT})/AddNote`,
        { htmlText: '<p>Hi</p>', notificationContactIds: [CONTACT] },
      ],
      ['POST', `/api/v1/odata/Task(${TASK})/AddNote`, { htmlText: '<p>Done?</p>', notificationContactIds: [] }],
    ]);
  });

  it('accepts the member shape of the API reference (Id, MemberId, RoleType) too', async () => {
    const { client } = setup([json({ value: [{ Id: PROJECT, MemberId: CONTACT, RoleType: 2, DisplayName: 'Bo' }] })]);
    expect(await client.listMembers(PROJECT)).toEqual([
      expect.objectContaining({ ContactRelationId: PROJECT, ContactId: CONTACT, Role: 2 }),
    ]);
  });

  it('myTasks asks UserInfo/Me() once per client, then open tasks of that contact by due date', async () => {
    const { client, requests } = setup((request) => {
      if (request.url.pathname.endsWith('/UserInfo/Me()')) return json({ value: [{ ContactId: CONTACT }] });
      return json({ value: [task({ ContactId: CONTACT })] });
    });
    await client.myTasks();
    const page = await client.myTasks({ search: "O'Brien" });
    expect(page.items).toHaveLength(1);
    expect(requests.filter((r) => r.url.pathname.endsWith('/UserInfo/Me()'))).toHaveLength(1);
    const last = requests.at(-1)!;
    expect(last.url.searchParams.get('$filter')).toBe(
      `(ContactId eq ${CONTACT}) and (IsDone eq false) and (contains(tolower(Name),'o''brien'))`,
    );
    expect(last.url.searchParams.get('$orderby')).toBe('EndDateTime,Name');
  });

  it('findProject prefers an exact number, else the name match', async () => {
    const { client, requests } = setup([
      json({ value: [] }),
      json({ value: [project({ Name: 'Website relaunch 2' }), project({ Name: 'website relaunch' })] }),
    ]);
    const found = await client.findProject('Website Relaunch');
    expect(found?.Name).toBe('website relaunch');
    expect(requests[0]!.url.searchParams.get('$filter')).toBe(
      "(IsRecycled eq false) and (Number eq 'Website Relaunch')",
    );
    expect(requests[1]!.url.searchParams.get('$filter')).toBe(
      "(IsRecycled eq false) and (contains(tolower(Name),'website relaunch'))",
    );
  });
});

describe('project names for task lists', () => {
  const ids = Array.from({ length: 60 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const answerNames = (request: import('./fake-fetch').RecordedRequest) => {
    const asked = [...(request.url.searchParams.get('$filter') ?? '').matchAll(/ProjectId eq ([0-9a-f-]{36})/g)];
    return json({ value: asked.map(([, id]) => ({ ProjectId: id, Name: `Name ${id!.slice(-2)}`, Number: null })) });
  };

  it('asks for 60 ids in three calls of at most 25, selecting only id, name and number, with bounded URLs', async () => {
    const { client, requests } = setup(answerNames);
    const names = await client.getProjectNames([...ids, ...ids.slice(0, 5)]);
    expect(names.size).toBe(60);
    expect(names.get(ids[42]!)).toEqual({ ProjectId: ids[42], Name: 'Name 42', Number: null });
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.url.pathname).toBe('/api/v1/odata/Project');
      expect(request.url.searchParams.get('$select')).toBe('ProjectId,Name,Number');
      expect(request.url.search.length).toBeLessThan(2_048);
    }
    expect(requests.map((r) => r.url.searchParams.get('$filter')!.split(' or ').length)).toEqual([25, 25, 10]);
    expect(requests[0]!.url.searchParams.get('$filter')).toMatch(
      /^\(ProjectId eq 00000000-0000-4000-8000-000000000000\) or \(ProjectId eq /,
    );
  });

  it('sends nothing for no ids, and rejects an id that is not a GUID before sending', async () => {
    const { client, requests } = setup([]);
    expect((await client.getProjectNames([])).size).toBe(0);
    const error = await failure(client.getProjectNames([ids[0]!, "x') or true or ('"]));
    expect(error.kind).toBe('validation');
    expect(requests).toHaveLength(0);
  });
});

describe('paging', () => {
  it('follows same-origin @odata.nextLink for complete lists and stops at top', async () => {
    const pageAnswer = (request: import('./fake-fetch').RecordedRequest) => {
      const skip = Number(request.url.searchParams.get('$skip') ?? 0);
      const items = Array.from({ length: Math.min(100, 260 - skip) }, (_, i) =>
        task({ TaskItemId: `00000000-0000-4000-8000-${String(skip + i).padStart(12, '0')}` }),
      );
      const next = skip + 100 < 260 ? `${BASE}Task?$skip=${skip + 100}` : undefined;
      return json({ value: items, ...(next ? { '@odata.nextLink': next } : {}) });
    };
    const { client, requests } = setup(pageAnswer);
    const all = await client.listTasks();
    expect(all.items).toHaveLength(260);
    expect(new Set(all.items.map((t) => t.TaskItemId)).size).toBe(260);
    expect(requests).toHaveLength(3);

    const limited = await client.listTasks({ top: 150 });
    expect(limited.items).toHaveLength(150);
    expect(limited.nextLink).toBe(`${BASE}Task?$skip=200`);
    expect(requests.at(-2)!.url.searchParams.get('$top')).toBe('150');
  });

  it.each([
    'https://evil.example.com/api/v1/odata/Task?$skip=100',
    'http://inloox.example.org/api/v1/odata/Task?$skip=100',
    'https://inloox.example.org/other/Task?$skip=100',
    '//evil.example.com/api/v1/odata/Task',
  ])('never follows a nextLink outside the configured base: %s', async (nextLink) => {
    const { client, requests } = setup([json({ value: [task()], '@odata.nextLink': nextLink })]);
    const error = await failure(client.listTasks());
    expect(error.kind).toBe('unavailable');
    expect(requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retries reads on 5xx, timeouts and resets with jittered, growing backoff', async () => {
    const { client, requests, sleeps } = setup([
      json({ error: { message: 'boom' } }, 500),
      timeoutError(),
      json(task()),
    ]);
    await client.getTask(TASK);
    expect(requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);

    const reset = setup([networkError('ECONNRESET'), json(task())]);
    await reset.client.getTask(TASK);
    expect(reset.requests).toHaveLength(2);
  });

  it('gives up on reads after the configured attempts with unavailable', async () => {
    const { client, requests } = setup([empty(503), empty(502), empty(500)]);
    const error = await failure(client.getTask(TASK));
    expect(error.kind).toBe('unavailable');
    expect(error.details.status).toBe(500);
    expect(requests).toHaveLength(3);
  });

  it('retries PATCH (idempotent) on 5xx', async () => {
    const { client, requests } = setup([empty(502), json(task({ Name: 'Renamed' }))]);
    expect((await client.updateTask(TASK, { Name: 'Renamed' })).Name).toBe('Renamed');
    expect(requests.map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
  });

  it('a DELETE retried after a timeout that finds the entity gone has succeeded', async () => {
    const { client, requests } = setup([timeoutError(), json({ error: { message: 'not found' } }, 404)]);
    await client.deleteTask(TASK);
    expect(requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
    const direct = setup([json({ error: { message: 'not found' } }, 404)]);
    expect((await failure(direct.client.deleteTask(TASK))).kind).toBe('not_found');
  });

  it.each([
    ['500', json({ error: { message: 'boom' } }, 500), true],
    ['504', empty(504), true],
    ['timeout', timeoutError(), true],
    ['reset', networkError('ECONNRESET'), true],
    ['503', empty(503), undefined],
  ] as const)(
    'never retries a create after %s; reports outcomeUnknown when it may have landed',
    async (_l, answer, unknown) => {
      const { client, requests } = setup([answer, json(task(), 201)]);
      const error = await failure(client.createTask({ Name: 'Once', ProjectId: PROJECT }));
      expect(error.kind).toBe('unavailable');
      expect(error.details.outcomeUnknown).toBe(unknown);
      expect(requests).toHaveLength(1);
    },
  );

  it('retries a create whose connection was refused (it never reached InLoox)', async () => {
    const { client, requests } = setup([networkError('ECONNREFUSED'), json(task(), 201)]);
    await client.createTask({ Name: 'Once', ProjectId: PROJECT });
    expect(requests).toHaveLength(2);
  });

  it('waits Retry-After on 429 for any method, then succeeds', async () => {
    const { client, requests, sleeps } = setup([
      json({ error: { message: 'slow down' } }, 429, { 'retry-after': '2' }),
      json(task(), 201),
    ]);
    await client.createTask({ Name: 'Once', ProjectId: PROJECT });
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([2_000]);
  });

  it('reports throttled with the wait when Retry-After is longer than a call may wait', async () => {
    const { client, requests } = setup([empty(429, { 'retry-after': '600' })]);
    const error = await failure(client.getTask(TASK));
    expect(error.kind).toBe('throttled');
    expect(error.details.retryAfterSeconds).toBe(600);
    expect(error.userMessage('en')).toContain('600 s');
    expect(error.userMessage('de')).toContain('600 s');
    expect(requests).toHaveLength(1);
  });
});

describe('errors', () => {
  it.each([
    [401, 'auth'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [400, 'validation'],
    [500, 'unavailable'],
  ] as [number, InLooxErrorKind][])(
    'HTTP %i is %s, with English and German text and without the key',
    async (status, kind) => {
      // The server echoes the key back: it must still never reach the error.
      const { client } = setup(() => json({ error: { message: `bad key ${API_KEY}`, target: 'Name' } }, status));
      const error = await failure(client.getProject(PROJECT));
      expect(error.kind).toBe(kind);
      expect(error.details.status).toBe(status);
      expect(error.userMessage('en')).not.toBe(error.userMessage('de'));
      expectNoKey(error);
      if (kind === 'validation') expect(error.details.field).toBe('Name');
    },
  );

  it('a malformed answer is unavailable', async () => {
    const { client } = setup([
      new Response('<html>oops</html>', { status: 200 }),
      json({ TaskItemId: 'nope' }),
      json({ notValue: [] }),
    ]);
    expect((await failure(client.getTask(TASK))).kind).toBe('unavailable');
    expect((await failure(client.getTask(TASK))).kind).toBe('unavailable');
    expect((await failure(client.listTasks())).kind).toBe('unavailable');
  });

  it('the client object does not show the key when logged or serialized', () => {
    const { client } = setup([]);
    expect(JSON.stringify(client)).not.toContain(API_KEY);
    expect(Object.values(client).join(' ')).not.toContain(API_KEY);
  });
});

describe('validation before sending', () => {
  const cases: [string, (c: InLooxClient) => Promise<unknown>, string][] = [
    ['empty name', (c) => c.createTask({ Name: '   ' }), 'Name'],
    ['name too long', (c) => c.createProject({ Name: 'x'.repeat(256) }), 'Name'],
    [
      'end before start',
      (c) => c.createTask({ Name: 'A', StartDateTime: '2025-05-02T00:00:00Z', EndDateTime: '2025-05-01T00:00:00Z' }),
      'EndDateTime',
    ],
    ['date without offset', (c) => c.createProject({ Name: 'A', StartDate: '2025-05-02' }), 'StartDate'],
    ['bad guid in input', (c) => c.createTask({ Name: 'A', ProjectId: 'abc' }), 'ProjectId'],
    ['negative effort', (c) => c.updateTask(TASK, { WorkAmount: -1 }), 'WorkAmount'],
    ['unknown field', (c) => c.updateTask(TASK, { Name: 'A', Hacked: true } as never), 'Hacked'],
    ['bad priority', (c) => c.createProject({ Name: 'A', Priority: 7 as never }), 'Priority'],
    ['bad task id', (c) => c.getTask("x' or 1 eq 1"), 'taskId'],
    ['bad project id', (c) => c.deleteProject('../Task'), 'projectId'],
    ['bad role', (c) => c.addMember(PROJECT, CONTACT, 3 as MemberRoleValue), 'role'],
    ['bad contact', (c) => c.addMember(PROJECT, 'me', MemberRole.Team), 'contactId'],
    ['empty note', (c) => c.addTaskNote(TASK, ' '), 'htmlText'],
    ['bad notify id', (c) => c.addProjectNote(PROJECT, '<p>x</p>', ['x']), 'notificationContactIds.0'],
    ['empty find', (c) => c.findProject('  '), 'nameOrNumber'],
    ['bad filter id', (c) => c.listTasks({ projectId: 'nope' }), 'projectId'],
  ];
  it.each(cases)('%s is rejected naming the field, and nothing is sent', async (_label, run, field) => {
    const { client, requests } = setup([]);
    const error = await failure(run(client));
    expect(error.kind).toBe('validation');
    expect(error.details.field).toBe(field);
    expect(error.userMessage('en')).toContain(field);
    expect(error.userMessage('de')).toContain(field);
    expect(requests).toHaveLength(0);
  });
});

describe('limits', () => {
  it('runs every call through the limiter of its key and keeps writes in issue order', async () => {
    const clockStart = 5_000_000;
    let now = clockStart;
    const limiter = new RateLimiter({
      calls: 2,
      windowMs: 1_000,
      store: new MemoryLimiterStore(() => now),
      sleep: async (ms) => {
        now += ms;
      },
      now: () => now,
    });
    const fake = fakeFetch((request) => json(task({ Name: (request.body as { Name: string }).Name }), 201));
    const client = new InLooxClient({ baseUrl: BASE, apiKey: API_KEY, fetch: fake.fetch, limiter });
    const names = Array.from({ length: 6 }, (_, i) => `T${i}`);
    const created = await Promise.all(names.map((Name) => client.createTask({ Name })));
    expect(created.map((t) => t.Name)).toEqual(names);
    expect(fake.requests.map((r) => (r.body as { Name: string }).Name)).toEqual(names);
    // 6 calls at 2 per second: the limiter made the last ones wait two windows.
    expect(now - clockStart).toBeGreaterThanOrEqual(2_000);
  });

  it('a 429 holds later calls of the same key until Retry-After has passed', async () => {
    let now = 9_000_000;
    const sleep = async (ms: number) => {
      now += ms;
    };
    const limiter = new RateLimiter({
      calls: 100,
      windowMs: 60_000,
      store: new MemoryLimiterStore(() => now),
      sleep,
      now: () => now,
    });
    const sentAt: number[] = [];
    let first = true;
    const fake = fakeFetch(() => {
      sentAt.push(now);
      if (first) {
        first = false;
        return empty(429, { 'retry-after': '5' });
      }
      return json(task());
    });
    const client = new InLooxClient({ baseUrl: BASE, apiKey: API_KEY, fetch: fake.fetch, limiter, sleep });
    await client.getTask(TASK);
    await client.getTask(TASK);
    expect(sentAt).toHaveLength(3);
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(5_000);
    expect(sentAt[2]! - sentAt[0]!).toBeGreaterThanOrEqual(5_000);
  });

  it('the factory gives one client per key and never keys anything by the key itself', () => {
    const create = createInLooxClientFactory({ baseUrl: BASE, rateLimit: { calls: 100, windowMs: 60_000 } });
    const a = create(API_KEY);
    expect(create(API_KEY)).toBe(a);
    expect(create(`${API_KEY}-other`)).not.toBe(a);
  });
});
