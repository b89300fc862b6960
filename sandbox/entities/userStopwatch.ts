/**
 * The per-user stopwatch on tasks: Task(…)/StartStopwatch, PauseStopwatch, StopStopwatch and GetStopwatch(), listed by
 * the UserStopwatch set (and UserStopwatch/GetStopwatches()). The EDMX gives the shapes only; the rules below are the
 * sandbox's reading of them (docs/sandbox.md): one stopwatch per user and task; Start creates or resumes it, Pause
 * freezes it, Stop ends it and answers its final state without booking anything; GetStopwatch() answers 204 when there is none; every action answers the stopwatch;
 * a task without a project cannot be timed (ApiUserStopwatch.ProjectId is not nullable); several tasks may be timed
 * at once. ElapsedSeconds is computed from the timestamps whenever it is read.
 */
import { randomUUID } from 'node:crypto';
import type { AccountData, BoundOperation, EntityModule } from '../accountData';
import { badRequest, notFound } from '../odata/errors';
import type { Row } from '../odata/metadata';
import type { StoredRow } from '../store';
import { define } from './define';

const SET = 'UserStopwatch';
const set = define(SET, {});

function mine(data: AccountData): StoredRow[] {
  return data.where(SET, 'ContactId', data.profile.contactId);
}

function ofTask(data: AccountData, taskId: string): StoredRow | undefined {
  return mine(data).find((row) => row.TaskItemId === taskId);
}

/** Seconds counted: what earlier runs added up to, plus the current run when it is not paused. */
function elapsedSeconds(data: AccountData, row: StoredRow): number {
  const running = row.PausedAt ? 0 : Math.max(0, data.nowMs() - Date.parse(row.StartedAt as string));
  return (row.AccumulatedSeconds as number) + Math.floor(running / 1000);
}

function view(data: AccountData, row: StoredRow): Row {
  const project = data.rawOne('Project', row.ProjectId as string)
    ? data.get('Project', row.ProjectId as string)
    : undefined;
  const task = data.rawOne('Task', row.TaskItemId as string);
  return data.withDefaults(set, {
    UserStopwatchId: row.UserStopwatchId,
    ElapsedSeconds: elapsedSeconds(data, row),
    InitiallyStartedAt: row.InitiallyStartedAt,
    StartedAt: row.StartedAt,
    PausedAt: row.PausedAt ?? null,
    ProjectId: row.ProjectId,
    TaskItemId: row.TaskItemId,
    ProjectName: project?.Name ?? null,
    ProjectNumber: project?.Number ?? null,
    TaskItemName: task?.Name ?? null,
  });
}

function requireStopwatch(data: AccountData, taskId: string): StoredRow {
  data.existing('Task', taskId);
  const row = ofTask(data, taskId);
  if (!row) throw notFound(`No stopwatch of the current user runs for task ${taskId}.`);
  return row;
}

const answer = (data: AccountData, row: StoredRow) => ({ set: SET, entity: view(data, row) });

const start: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  handler({ data, key }) {
    const taskId = key.toLowerCase();
    const task = data.existing('Task', taskId);
    if (!task.ProjectId) throw badRequest(`Task ${taskId} belongs to no project; only project tasks can be timed.`);
    const existing = ofTask(data, taskId);
    const now = data.now();
    if (existing && !existing.PausedAt) return answer(data, existing);
    const row: StoredRow = existing
      ? { ...existing, StartedAt: now, PausedAt: null }
      : {
          UserStopwatchId: randomUUID(),
          ContactId: data.profile.contactId,
          TaskItemId: taskId,
          ProjectId: task.ProjectId,
          InitiallyStartedAt: now,
          StartedAt: now,
          PausedAt: null,
          AccumulatedSeconds: 0,
        };
    data.put(SET, row.UserStopwatchId as string, row);
    return answer(data, row);
  },
};

const pause: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  handler({ data, key }) {
    const existing = requireStopwatch(data, key.toLowerCase());
    if (existing.PausedAt) return answer(data, existing);
    const row: StoredRow = { ...existing, AccumulatedSeconds: elapsedSeconds(data, existing), PausedAt: data.now() };
    data.put(SET, row.UserStopwatchId as string, row);
    return answer(data, row);
  },
};

const stop: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  handler({ data, key }) {
    const existing = requireStopwatch(data, key.toLowerCase());
    const final = view(data, existing);
    data.remove(SET, existing.UserStopwatchId as string);
    return { set: SET, entity: final };
  },
};

/** No stopwatch on the task is a null result: 204, as OData answers a function without a value. */
const get: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  handler({ data, key }) {
    const taskId = key.toLowerCase();
    data.existing('Task', taskId);
    const row = ofTask(data, taskId);
    return { set: SET, entity: row ? view(data, row) : null };
  },
};

/** The stopwatch actions bound to Task, for the Task module's operation table. */
export const STOPWATCH_OPERATIONS: Record<string, BoundOperation> = {
  StartStopwatch: start,
  PauseStopwatch: pause,
  GetStopwatch: get,
  StopStopwatch: stop,
};

/** A deleted task takes its stopwatches with it. */
export function deleteTaskStopwatches(data: AccountData, taskId: string): void {
  for (const row of data.where(SET, 'TaskItemId', taskId)) data.remove(SET, row.UserStopwatchId as string);
}

export const userStopwatch: EntityModule = {
  set,
  volatile: true,
  indexes: { [SET]: ['ContactId', 'TaskItemId'] },
  list: (data) => mine(data).map((row) => view(data, row)),
  get(data, id) {
    const row = data.rawOne(SET, id);
    return row && row.ContactId === data.profile.contactId ? view(data, row) : undefined;
  },
  operations: {
    GetStopwatches: {
      kind: 'function',
      binding: 'collection',
      handler: ({ data }) => ({ set: SET, rows: mine(data).map((row) => view(data, row)), query: true }),
    },
  },
};
