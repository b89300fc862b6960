/** The stopwatch actions bound to Task, the UserStopwatch set and TimeEntry rules, over HTTP with a moved clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

let h: Harness;
let now = Date.parse('2030-05-06T08:00:00Z');
let projectId: string;
let otherProjectId: string;
let taskId: string;
let privateTaskId: string;

beforeAll(async () => {
  h = await startSandbox({ keys: ['demo-key-ben', 'other-key'], clock: () => now });
  projectId = (await h.json('Project', { method: 'POST', json: { Name: 'Stopwatch project' } })).body
    .ProjectId as string;
  otherProjectId = (await h.json('Project', { method: 'POST', json: { Name: 'Other project' } })).body
    .ProjectId as string;
  taskId = (await h.json('Task', { method: 'POST', json: { Name: 'Stopwatch task', ProjectId: projectId } })).body
    .TaskItemId as string;
  privateTaskId = (await h.json('Task', { method: 'POST', json: { Name: 'Private' } })).body.TaskItemId as string;
});
afterAll(async () => {
  await h.close();
});

describe('stopwatch', () => {
  it('StartStopwatch answers the running stopwatch; elapsed seconds follow the clock; Stop removes it', async () => {
    const started = await h.json(`Task(${taskId})/StartStopwatch`, { method: 'POST', json: {} });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      ElapsedSeconds: 0,
      StartedAt: '2030-05-06T08:00:00Z',
      InitiallyStartedAt: '2030-05-06T08:00:00Z',
      PausedAt: null,
      TaskItemId: taskId,
      ProjectId: projectId,
      TaskItemName: 'Stopwatch task',
      ProjectName: 'Stopwatch project',
    });
    expect(String(started.body['@odata.context'])).toContain('UserStopwatch/$entity');
    now += 125_000;
    const listed = await h.json<Collection>('UserStopwatch');
    expect(listed.body.value).toHaveLength(1);
    expect(listed.body.value[0]).toMatchObject({ ElapsedSeconds: 125 });
    expect((await h.json<Collection>('UserStopwatch/GetStopwatches()')).body.value).toHaveLength(1);
    const paused = await h.json(`Task(${taskId})/PauseStopwatch`, { method: 'POST', json: {} });
    expect(paused.body).toMatchObject({ ElapsedSeconds: 125, PausedAt: '2030-05-06T08:02:05Z' });
    now += 3_600_000;
    expect((await h.json(`Task(${taskId})/GetStopwatch()`)).body).toMatchObject({ ElapsedSeconds: 125 });
    const stopped = await h.json(`Task(${taskId})/StopStopwatch`, { method: 'POST', json: {} });
    expect(stopped.body).toMatchObject({ ElapsedSeconds: 125 });
    expect((await h.json<Collection>('UserStopwatch')).body.value).toEqual([]);
    expect((await h.call(`Task(${taskId})/GetStopwatch()`)).status).toBe(204);
  });

  it('is per user: another key sees none of them', async () => {
    await h.call(`Task(${taskId})/StartStopwatch`, { method: 'POST', json: {} });
    expect((await h.json<Collection>('UserStopwatch', { key: 'other-key' })).body.value).toEqual([]);
    await h.call(`Task(${taskId})/StopStopwatch`, { method: 'POST', json: {} });
  });

  it('answers 404 for an unknown task or no stopwatch, 400 for a task without project, 405 for GET on an action', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    expect((await h.call(`Task(${unknown})/StartStopwatch`, { method: 'POST', json: {} })).status).toBe(404);
    const none = await h.json<ODataErrorBody>(`Task(${taskId})/PauseStopwatch`, { method: 'POST', json: {} });
    expect(none.status).toBe(404);
    expect(none.body.error.message).toContain('No stopwatch');
    expect((await h.call(`Task(${taskId})/StopStopwatch`, { method: 'POST', json: {} })).status).toBe(404);
    expect((await h.call(`Task(${privateTaskId})/StartStopwatch`, { method: 'POST', json: {} })).status).toBe(400);
    expect((await h.call(`Task(${taskId})/StartStopwatch`)).status).toBe(405);
    expect((await h.call('UserStopwatch', { method: 'POST', json: {} })).status).toBe(405);
  });

  it('deleting the task removes its stopwatch', async () => {
    const task = await h.json('Task', { method: 'POST', json: { Name: 'Short-lived', ProjectId: projectId } });
    const id = task.body.TaskItemId as string;
    await h.call(`Task(${id})/StartStopwatch`, { method: 'POST', json: {} });
    await h.call(`Task(${id})`, { method: 'DELETE' });
    expect((await h.json<Collection>('UserStopwatch')).body.value).toEqual([]);
  });
});

describe('time entry rules', () => {
  const entry = (extra: Record<string, unknown>) => ({
    StartDateTime: '2030-05-06T09:00:00Z',
    EndDateTime: '2030-05-06T10:00:00Z',
    ProjectId: projectId,
    ...extra,
  });

  it('refuses an end not after the start, a duration of 0 and a task of another project', async () => {
    const same = await h.json<ODataErrorBody>('TimeEntry', {
      method: 'POST',
      json: entry({ EndDateTime: '2030-05-06T09:00:00Z' }),
    });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toContain('after StartDateTime');
    expect((await h.call('TimeEntry', { method: 'POST', json: entry({ DurationMinutes: 0 }) })).status).toBe(400);
    const wrong = await h.json<ODataErrorBody>('TimeEntry', {
      method: 'POST',
      json: entry({ ProjectId: otherProjectId, TaskItemId: taskId }),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('another project');
  });

  it('books an entry given only its task on the task’s project; filters by person and start date', async () => {
    const created = await h.json('TimeEntry', {
      method: 'POST',
      json: { StartDateTime: '2030-05-07T09:00:00Z', EndDateTime: '2030-05-07T09:45:00Z', TaskItemId: taskId },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ProjectId: projectId, DurationMinutes: 45 });
    const me = h.sandbox.accounts[0]!.contactId;
    const filter = encodeURIComponent(
      `PerformedByContactId eq ${me} and StartDateTime ge 2030-05-07T00:00:00Z and StartDateTime lt 2030-05-08T00:00:00Z`,
    );
    const found = await h.json<Collection>(`TimeEntry?$filter=${filter}`);
    expect(found.body.value.map((e) => e.TimeEntryId)).toEqual([created.body.TimeEntryId]);
    const moved = await h.json(`TimeEntry(${created.body.TimeEntryId as string})`, {
      method: 'PATCH',
      json: { EndDateTime: '2030-05-07T10:00:00Z' },
    });
    expect(moved.body).toMatchObject({ DurationMinutes: 60 });
  });
});
