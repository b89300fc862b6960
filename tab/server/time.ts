/**
 * The tab's Time view API: my week with the running timer and my tasks (GET /time), log time (POST /time/entries),
 * and the timer's pause, resume and stop-and-book. Bookings run once per request id; nothing but InLoox keeps time.
 */
import type { Request, Router } from 'express';
import { z } from 'zod';
import { RequestValidationError } from '../../server/api-errors';
import { jsonRoute as route } from '../../server/json-route';
import type { IdentifyRequest } from '../../server/request-identity';
import { entryWindow, weekOf } from '../../shared/cards/time-dates';
import type { ConnectionService } from '../../shared/connections';
import { guidSchema, isGuid, LIMITS, parseDuration } from '../../shared/domain';
import { identityKey } from '../../shared/identity';
import type { InLooxApi } from '../../shared/inloox/api';
import type { Stopwatch } from '../../shared/inloox/time';
import { plainTextToHtml } from '../../shared/sanitize';
import type { StateStore } from '../../shared/state';
import { createOnce } from '../../shared/state/once';
import type { TabTimeWeek, TabTimer } from '../time-types';

const logBody = z.object({
  taskId: guidSchema,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  duration: z.string().max(40),
  note: z.string().max(LIMITS.description).default(''),
  billable: z.boolean().default(false),
  timeZone: z.string().max(64).default('UTC'),
  requestId: guidSchema,
});
const stopBody = logBody.pick({ duration: true, note: true, billable: true, requestId: true });

function minutesOf(duration: string): number {
  const parsed = parseDuration(duration);
  if (!parsed.ok) throw new RequestValidationError('effort_out_of_range', 'duration');
  return parsed.minutes;
}

function readTaskId(req: Request): string {
  const id = String(req.params.taskId ?? '');
  if (!isGuid(id)) throw new RequestValidationError('invalid_id', 'taskId');
  return id.toLowerCase();
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new RequestValidationError('invalid_id', String(result.error.issues[0]?.path[0] ?? ''));
  return result.data;
}

const toTimer = (s: Stopwatch): TabTimer => ({
  taskId: s.TaskItemId ?? '',
  taskName: s.TaskItemName ?? '',
  project: [s.ProjectNumber, s.ProjectName].filter(Boolean).join(' · '),
  elapsedSeconds: s.ElapsedSeconds,
  paused: !!s.PausedAt,
});

async function week(inloox: InLooxApi, offset: number, timeZone: string): Promise<TabTimeWeek> {
  const range = weekOf(Date.now(), timeZone, offset);
  const [entries, timers, tasks] = await Promise.all([
    inloox.listTimeEntries({ performedByContactId: await inloox.currentContactId(), from: range.from, to: range.to }),
    inloox.listStopwatches(),
    inloox.myTasks({ top: 50 }),
  ]);
  const projectIds = [...new Set(entries.items.map((e) => e.ProjectId).filter((id): id is string => !!id))];
  const names = projectIds.length ? await inloox.getProjectNames(projectIds) : new Map();
  return {
    monday: range.monday,
    days: range.days,
    entries: entries.items.map((e) => ({
      id: e.TimeEntryId,
      name: e.DisplayName ?? '',
      start: e.StartDateTime ?? '',
      minutes: e.DurationMinutes,
      billable: e.IsBillable,
      project: (e.ProjectId && names.get(e.ProjectId)?.Name) || '',
    })),
    timers: timers.map(toTimer),
    tasks: tasks.items
      .filter((t) => t.ProjectId)
      .map((t) => ({ id: t.TaskItemId, name: t.Name ?? '', billable: !!t.IsBillable })),
  };
}

export function timeRoutes(
  api: Router,
  identify: IdentifyRequest,
  connections: ConnectionService,
  state: StateStore,
): void {
  api.get(
    '/time',
    route(identify, async (identity, req) => {
      const offset = Math.max(-104, Math.min(0, Number.parseInt(String(req.query.offset ?? '0'), 10) || 0));
      const timeZone = String(req.query.timeZone ?? 'UTC').slice(0, 64);
      return week(await connections.apiFor(identity), offset, timeZone);
    }),
  );

  api.post(
    '/time/entries',
    route(identify, async (identity, req) => {
      const body = parse(logBody, req.body);
      const minutes = minutesOf(body.duration);
      const inloox = await connections.apiFor(identity);
      const { result } = await createOnce(state, identityKey(identity), `time-log:${body.requestId}`, async () => {
        const task = await inloox.getTask(body.taskId);
        if (!task.ProjectId) throw new RequestValidationError('invalid_id', 'taskId');
        const { start, end } = entryWindow(body.date, minutes, body.timeZone, Date.now());
        const entry = await inloox.createTimeEntry({
          DisplayName: task.Name || '?',
          StartDateTime: start,
          EndDateTime: end,
          DurationMinutes: minutes,
          ProjectId: task.ProjectId,
          TaskItemId: task.TaskItemId,
          IsBillable: body.billable,
          DescriptionHTML: body.note.trim() ? plainTextToHtml(body.note) : null,
        });
        return { id: entry.TimeEntryId, minutes: entry.DurationMinutes };
      });
      return result;
    }),
  );

  const timerAction = (action: 'pause' | 'resume') =>
    route(identify, async (identity, req) => {
      const taskId = readTaskId(req);
      const inloox = await connections.apiFor(identity);
      const stopwatch = action === 'pause' ? await inloox.pauseStopwatch(taskId) : await inloox.startStopwatch(taskId);
      return stopwatch ? toTimer(stopwatch) : { taskId };
    });
  api.post('/time/timer/:taskId/pause', timerAction('pause'));
  api.post('/time/timer/:taskId/resume', timerAction('resume'));

  api.post(
    '/time/timer/:taskId/stop',
    route(identify, async (identity, req) => {
      const taskId = readTaskId(req);
      const body = parse(stopBody, req.body);
      const minutes = minutesOf(body.duration);
      const inloox = await connections.apiFor(identity);
      const { result } = await createOnce(state, identityKey(identity), `time-stop:${body.requestId}`, async () => {
        const task = await inloox.getTask(taskId);
        const stopped = await inloox.stopStopwatch(taskId);
        const start = Date.parse(stopped?.InitiallyStartedAt ?? new Date(Date.now() - minutes * 60_000).toISOString());
        const entry = await inloox.createTimeEntry({
          DisplayName: task.Name || '?',
          StartDateTime: new Date(start).toISOString(),
          EndDateTime: new Date(start + minutes * 60_000).toISOString(),
          DurationMinutes: minutes,
          ProjectId: stopped?.ProjectId ?? task.ProjectId!,
          TaskItemId: taskId,
          IsBillable: body.billable,
          DescriptionHTML: body.note.trim() ? plainTextToHtml(body.note) : null,
        });
        return { id: entry.TimeEntryId, minutes: entry.DurationMinutes };
      });
      return result;
    }),
  );
}
