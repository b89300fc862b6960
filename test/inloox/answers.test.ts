/**
 * Every documented answer form of InLoox, read by the real client over a scripted fetch: single entities bare or
 * wrapped, PATCH with or without a body, POST with the entity or only its address, annotations and unknown
 * properties, date-times with an offset, relative nextLinks.
 */
import { describe, expect, it } from 'vitest';
import { keyFromEntityUrl, utcDateTime } from '../../shared/inloox/answers';
import { InLooxClient } from '../../shared/inloox/client';
import { empty, fakeFetch, FIXTURE_IDS, fixtures, json, type Answer, type RecordedRequest } from './fake-fetch';
import { failure } from './failure';

const BASE = 'https://inloox.example.org/api/v1/odata/';
const TASK = FIXTURE_IDS.task;
const PROJECT = FIXTURE_IDS.project;

function setup(answers: Answer[] | ((request: RecordedRequest) => Response | Error)) {
  const fake = fakeFetch(answers);
  const client = new InLooxClient({
    baseUrl: BASE,
    apiKey: 'pat_answers_0123456789',
    fetch: fake.fetch,
    sleep: async () => undefined,
    retry: { attempts: 2, baseDelayMs: 1 },
  });
  const calls = () => fake.requests.map((r) => `${r.method} ${decodeURIComponent(r.url.pathname + r.url.search)}`);
  return { client, requests: fake.requests, calls };
}

/** The connector's decoration of an entity: annotations and properties no schema lists. */
const decorated = (entity: Record<string, unknown>) => ({
  '@odata.type': '#InLoox.PM.Domain.Model.Public.ApiTaskItem',
  '@odata.etag': 'W/"abc"',
  'Name@odata.type': '#String',
  ...entity,
  RowVersion: 'AAAAAAAAB9E=',
  Extensions: { source: 'test' },
});

describe('single entities', () => {
  it.each([
    ['bare, with @odata.context', { '@odata.context': `${BASE}$metadata#Task/$entity`, ...fixtures.task() }],
    ['wrapped as {"value":[entity]}', { '@odata.context': `${BASE}$metadata#Task`, value: [fixtures.task()] }],
    ['bare, annotated, with unknown properties', decorated(fixtures.task())],
    ['wrapped, annotated, with unknown properties', { value: [decorated(fixtures.task())] }],
  ])('reads a task answered %s', async (_label, body) => {
    const { client } = setup([json(body)]);
    const task = await client.getTask(TASK);
    expect(task).toMatchObject(fixtures.task());
    expect(Object.keys(task).filter((key) => key.includes('@'))).toEqual([]);
  });

  it('keeps unknown properties and drops every annotation', async () => {
    const { client } = setup([json({ value: [decorated(fixtures.task())] })]);
    const task = (await client.getTask(TASK)) as unknown as Record<string, unknown>;
    expect(task.RowVersion).toBe('AAAAAAAAB9E=');
    expect(task.Extensions).toEqual({ source: 'test' });
    expect(Object.keys(task).some((key) => key.includes('@'))).toBe(false);
  });

  it('an empty wrapper is not_found; a wrapper with two entities is malformed', async () => {
    const { client } = setup([json({ value: [] }), json({ value: [fixtures.task(), fixtures.task()] })]);
    expect((await failure(client.getTask(TASK))).kind).toBe('not_found');
    expect((await failure(client.getTask(TASK))).kind).toBe('unavailable');
  });

  it('reads the key owner from a bare, a wrapped and an annotated Me() answer', async () => {
    const contact = '11111111-2222-4333-8444-555555555555';
    for (const body of [
      { ContactId: contact },
      { value: [{ ContactId: contact }] },
      { value: [{ '@odata.type': '#ApiUserInfo', ContactId: contact, Extra: 1 }] },
    ]) {
      const { client } = setup([json(body)]);
      const me = await client.me();
      expect(me.ContactId).toBe(contact);
      expect(Object.keys(me).some((key) => key.includes('@'))).toBe(false);
    }
  });
});

describe('PATCH answers', () => {
  it.each([
    ['200 with the entity', json(fixtures.task({ IsDone: true }))],
    ['200 with the wrapper', json({ value: [decorated(fixtures.task({ IsDone: true }))] })],
  ])('%s is the result, without a read back', async (_label, answer) => {
    const { client, calls } = setup([answer]);
    expect((await client.completeTask(TASK)).IsDone).toBe(true);
    expect(calls()).toEqual([`PATCH /api/v1/odata/Task(${TASK})`]);
  });

  it('204 without a body: the entity is read back once', async () => {
    const { client, calls } = setup([empty(204), json({ value: [fixtures.task({ IsDone: true })] })]);
    expect((await client.completeTask(TASK)).IsDone).toBe(true);
    expect(calls()).toEqual([`PATCH /api/v1/odata/Task(${TASK})`, `GET /api/v1/odata/Task(${TASK})`]);
  });

  it('200 with an empty body counts as no body', async () => {
    const { client, calls } = setup([new Response('', { status: 200 }), json(fixtures.project({ IsArchived: true }))]);
    expect((await client.archiveProject(PROJECT)).IsArchived).toBe(true);
    expect(calls()).toEqual([`PATCH /api/v1/odata/Project(${PROJECT})`, `GET /api/v1/odata/Project(${PROJECT})`]);
  });
});

describe('POST answers', () => {
  const input = { Name: 'Write report', ProjectId: PROJECT };

  it.each([
    ['201 with the entity', json(fixtures.task(), 201)],
    ['201 with the wrapper', json({ value: [decorated(fixtures.task())] }, 201)],
  ])('%s is the result, without a read back', async (_label, answer) => {
    const { client, calls } = setup([answer]);
    expect((await client.createTask(input)).TaskItemId).toBe(TASK);
    expect(calls()).toEqual(['POST /api/v1/odata/Task']);
  });

  it.each([
    ['OData-EntityId, absolute', { 'odata-entityid': `${BASE}Task(${TASK})` }],
    ['Location only', { location: `${BASE}Task(${TASK})` }],
    ['a quoted key', { 'odata-entityid': `${BASE}Task('${TASK}')` }],
    ['a named key', { 'odata-entityid': `${BASE}Task(TaskItemId=${TASK})` }],
    ['the connector path form', { location: `${BASE}Task/${TASK}` }],
    ['a relative address', { location: `Task(${TASK.toUpperCase()})` }],
    ['another host (never contacted)', { 'odata-entityid': `https://internal.example.net/odata/Task(${TASK})` }],
  ])('204 with %s: read back by the key on the configured base', async (_label, headers) => {
    const { client, requests, calls } = setup([empty(204, headers), json({ value: [fixtures.task()] })]);
    const task = await client.createTask(input);
    expect(task).toMatchObject(fixtures.task());
    expect(calls()).toEqual(['POST /api/v1/odata/Task', `GET /api/v1/odata/Task(${TASK})`]);
    expect(requests.every((r) => r.url.origin === 'https://inloox.example.org')).toBe(true);
  });

  it('204 for a project: read back from Project', async () => {
    const { client, calls } = setup([
      empty(204, { 'odata-entityid': `${BASE}Project(${PROJECT})` }),
      json(fixtures.project({ Name: 'Created' })),
    ]);
    expect((await client.createProject({ Name: 'Created' })).Name).toBe('Created');
    expect(calls()).toEqual(['POST /api/v1/odata/Project', `GET /api/v1/odata/Project(${PROJECT})`]);
  });

  it('a caller that needs only the id gets it from the address, without a read back', async () => {
    const { client, calls } = setup([empty(204, { 'odata-entityid': `${BASE}Task(${TASK})` })]);
    expect(await client.createTask(input, { readBack: false })).toEqual({ TaskItemId: TASK });
    expect(calls()).toEqual(['POST /api/v1/odata/Task']);
    const withEntity = setup([json(fixtures.task(), 201)]);
    expect(await withEntity.client.createTask(input, { readBack: false })).toMatchObject(fixtures.task());
  });

  it('204 without any address: created but unknown where, so outcomeUnknown and no second POST', async () => {
    const { client, calls } = setup([empty(204)]);
    const error = await failure(client.createTask(input));
    expect(error.kind).toBe('unavailable');
    expect(error.details.outcomeUnknown).toBe(true);
    expect(calls()).toEqual(['POST /api/v1/odata/Task']);
  });

  it('a failed read back after a 204 says the task may exist (outcomeUnknown), and never posts again', async () => {
    const { client, calls } = setup([
      empty(204, { 'odata-entityid': `${BASE}Task(${TASK})` }),
      json({ error: { message: 'down' } }, 503),
      json({ error: { message: 'down' } }, 503),
    ]);
    const error = await failure(client.createTask(input));
    expect(error.kind).toBe('unavailable');
    expect(error.details.outcomeUnknown).toBe(true);
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });
});

describe('date-times', () => {
  it('hands every …Date / …DateTime value on in UTC with Z, whatever offset InLoox wrote', async () => {
    const { client } = setup([
      json({
        value: [
          fixtures.task({
            StartDateTime: '2026-04-01T09:00:00+02:00',
            EndDateTime: '2026-04-01T17:30:00.5-05:00',
            DoneDate: '2026-04-02T00:00:00Z',
            Name: '2026-04-01T09:00:00+02:00',
          }),
        ],
      }),
    ]);
    const task = await client.getTask(TASK);
    expect(task.StartDateTime).toBe('2026-04-01T07:00:00Z');
    expect(task.EndDateTime).toBe('2026-04-01T22:30:00.500Z');
    expect(task.DoneDate).toBe('2026-04-02T00:00:00Z');
    // Text that only looks like a date stays as written.
    expect(task.Name).toBe('2026-04-01T09:00:00+02:00');
  });

  it('lists carry the same UTC dates as single reads', async () => {
    const { client } = setup([json({ value: [fixtures.project({ StartDate: '2026-01-05T08:00:00+01:00' })] })]);
    expect((await client.listProjects()).items[0]!.StartDate).toBe('2026-01-05T07:00:00Z');
  });

  it.each([
    ['2026-04-01T09:00:00+02:00', '2026-04-01T07:00:00Z'],
    ['2026-04-01T09:00+02:00', '2026-04-01T07:00:00Z'],
    ['2026-04-01T00:30:00+01:00', '2026-03-31T23:30:00Z'],
    ['2026-04-01T07:00:00Z', '2026-04-01T07:00:00Z'],
    ['2026-04-01T07:00:00.000Z', '2026-04-01T07:00:00.000Z'],
    ['not a date', 'not a date'],
  ])('utcDateTime(%s) is %s', (value, expected) => {
    expect(utcDateTime(value)).toBe(expected);
  });
});

describe('@odata.nextLink', () => {
  const rows = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) =>
      fixtures.task({ TaskItemId: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}` }),
    );

  it.each([
    ['relative to the service root', (skip: number) => `Task?$skip=${skip}`],
    ['relative to the host', (skip: number) => `/api/v1/odata/Task?$skip=${skip}`],
    ['absolute', (skip: number) => `${BASE}Task?$skip=${skip}`],
  ])('follows a link %s', async (_label, link) => {
    const { client, calls } = setup((request) => {
      const skip = Number(request.url.searchParams.get('$skip') ?? 0);
      return json({ value: rows(skip, 2), ...(skip < 4 ? { '@odata.nextLink': link(skip + 2) } : {}) });
    });
    expect((await client.listTasks()).items).toHaveLength(6);
    expect(calls().slice(1)).toEqual(['GET /api/v1/odata/Task?$skip=2', 'GET /api/v1/odata/Task?$skip=4']);
  });

  it.each(['../../other/Task?$skip=2', '//evil.example.com/api/v1/odata/Task', 'https://evil.example.com/x'])(
    'refuses a link that leaves the configured base: %s',
    async (link) => {
      const { client, requests } = setup([json({ value: rows(0, 2), '@odata.nextLink': link })]);
      expect((await failure(client.listTasks())).kind).toBe('unavailable');
      expect(requests).toHaveLength(1);
    },
  );
});

describe('keyFromEntityUrl', () => {
  it.each([
    [`${BASE}Task(${TASK})`, TASK],
    [`${BASE}Task(${TASK})/`, TASK],
    [`${BASE}Task('${TASK}')`, TASK],
    [`${BASE}Task(TaskItemId=${TASK})`, TASK],
    [`${BASE}Task/${TASK}`, TASK],
    [`Task(${TASK.toUpperCase()})`, TASK],
    [`${BASE}Task(not-a-key)`, undefined],
    [`${BASE}Task`, undefined],
    [undefined, undefined],
  ])('%s → %s', (url, key) => {
    expect(keyFromEntityUrl(url)).toBe(key);
  });
});
