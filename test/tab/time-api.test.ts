/** The tab's time API over HTTP: the week, log time once per request id, pause/resume, stop and book. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import type { TabTimeWeek } from '../../tab/time-types';
import { ALICE, startTabHarness, type TabHarness } from './harness';

let h: TabHarness;
let api: InLooxApi;

beforeAll(async () => {
  h = await startTabHarness();
  await h.services.connections.connect(ALICE, h.sandbox.accounts[0]!.apiKey);
  api = await h.services.connections.apiFor(ALICE);
});
afterAll(async () => h?.close());

describe('tab time API', () => {
  it('stops and books a running timer once, then shows the week without it', async () => {
    const task = (await api.myTasks({ top: 20 })).items.find((t) => t.ProjectId)!;
    await api.startStopwatch(task.TaskItemId);
    const before = await h.call('GET', '/tab/api/time?offset=0&timeZone=Europe%2FBerlin', { token: 'alice' });
    expect(before.status).toBe(200);
    expect((before.body as TabTimeWeek).timers[0]).toMatchObject({ taskId: task.TaskItemId, paused: false });
    const body = { duration: '5m', note: '', billable: false, requestId: randomUUID() };
    const stop = await h.call('POST', `/tab/api/time/timer/${task.TaskItemId}/stop`, { token: 'alice', body });
    expect(stop.status).toBe(200);
    const again = await h.call('POST', `/tab/api/time/timer/${task.TaskItemId}/stop`, { token: 'alice', body });
    expect(again.body).toEqual(stop.body);
    const after = await h.call('GET', '/tab/api/time?offset=0&timeZone=Europe%2FBerlin', { token: 'alice' });
    expect(after.status).toBe(200);
    expect((after.body as TabTimeWeek).timers).toEqual([]);
    expect(
      (await api.listTimeEntries({ taskId: task.TaskItemId })).items.filter((e) => e.DurationMinutes === 5),
    ).toHaveLength(1);
  });
});
