/**
 * Time tracking: the per-user stopwatch bound to tasks (Task(…)/StartStopwatch, PauseStopwatch, StopStopwatch,
 * GetStopwatch(), the UserStopwatch set) and time entries (TimeEntry), shaped after the InLoox 11 EDMX.
 */
import { z } from 'zod';
import { guidSchema as guid, htmlSchema, MAX_ENTRY_MINUTES, nameSchema } from '../domain';
import { isInLooxError } from './errors';
import { checkGuid, type ODataSession } from './odata';
import { and, entityPath, eq, ge, lit, lt } from './query';
import { validate } from './schemas';
import type { Guid, IsoDateTime, Page } from './types';

export interface Stopwatch {
  UserStopwatchId: Guid;
  /** Seconds counted so far (running: up to the moment InLoox answered). */
  ElapsedSeconds: number;
  InitiallyStartedAt: IsoDateTime;
  /** When it was last started or resumed. */
  StartedAt: IsoDateTime;
  /** Set while paused. */
  PausedAt?: IsoDateTime | null;
  ProjectId: Guid;
  TaskItemId?: Guid | null;
  ProjectName?: string | null;
  ProjectNumber?: string | null;
  TaskItemName?: string | null;
}

export interface TimeEntry {
  TimeEntryId: Guid;
  DisplayName?: string | null;
  StartDateTime?: IsoDateTime | null;
  EndDateTime?: IsoDateTime | null;
  DurationMinutes: number;
  ProjectId?: Guid | null;
  TaskItemId?: Guid | null;
  IsBillable: boolean;
  DescriptionHTML?: string | null;
  PerformedByContactId: Guid;
}

export interface TimeEntryInput {
  DisplayName: string;
  StartDateTime: IsoDateTime;
  EndDateTime: IsoDateTime;
  DurationMinutes: number;
  ProjectId: Guid;
  TaskItemId?: Guid | null;
  IsBillable?: boolean;
  DescriptionHTML?: string | null;
}
export type TimeEntryPatch = Partial<TimeEntryInput>;

export interface TimeEntryListOptions {
  performedByContactId?: Guid;
  /** Entries starting at or after this instant. */
  from?: IsoDateTime;
  /** Entries starting before this instant. */
  to?: IsoDateTime;
  taskId?: Guid;
  top?: number;
}

const dateTime = z.iso.datetime({ offset: true });
const minutes = z.number().int('duration_out_of_range').min(1, 'duration_out_of_range').max(MAX_ENTRY_MINUTES);

function entryRules(value: Partial<TimeEntryInput>, ctx: z.RefinementCtx): void {
  const { StartDateTime: start, EndDateTime: end } = value;
  if (start && end && Date.parse(end) <= Date.parse(start))
    ctx.addIssue({ code: 'custom', path: ['EndDateTime'], message: 'end_before_start' });
}

const entryFields = {
  DisplayName: nameSchema,
  StartDateTime: dateTime,
  EndDateTime: dateTime,
  DurationMinutes: minutes,
  ProjectId: guid,
  TaskItemId: guid.nullable().optional(),
  IsBillable: z.boolean().optional(),
  DescriptionHTML: htmlSchema.nullable().optional(),
};

export const timeEntryInputSchema = z.strictObject(entryFields).superRefine(entryRules);
export const timeEntryPatchSchema = z.strictObject(entryFields).partial().superRefine(entryRules);

const text = z.string().nullable().optional();
const when = z.string().nullable().optional();

export const stopwatchSchema = z.looseObject({
  UserStopwatchId: guid,
  ElapsedSeconds: z.number().catch(0),
  InitiallyStartedAt: z.string(),
  StartedAt: z.string(),
  PausedAt: when,
  ProjectId: guid,
  TaskItemId: guid.nullable().optional(),
  ProjectName: text,
  ProjectNumber: text,
  TaskItemName: text,
});

export const timeEntrySchema = z.looseObject({
  TimeEntryId: guid,
  DisplayName: text,
  StartDateTime: when,
  EndDateTime: when,
  DurationMinutes: z.number().catch(0),
  ProjectId: guid.nullable().optional(),
  TaskItemId: guid.nullable().optional(),
  IsBillable: z.boolean().catch(false),
  DescriptionHTML: text,
  PerformedByContactId: guid,
});

const taskPath = (taskId: Guid) => entityPath('Task', checkGuid(taskId, 'taskId'));

/** The stopwatch in an action's answer, or undefined when InLoox answered without one. */
function stopwatchIn(odata: ODataSession, body: unknown): Stopwatch | undefined {
  return body === undefined ? undefined : odata.read<Stopwatch>(stopwatchSchema, body, 'stopwatch');
}

export async function startStopwatch(odata: ODataSession, taskId: Guid): Promise<Stopwatch | undefined> {
  return stopwatchIn(odata, await odata.actionAnswer(`${taskPath(taskId)}/StartStopwatch`));
}

export async function pauseStopwatch(odata: ODataSession, taskId: Guid): Promise<Stopwatch | undefined> {
  return stopwatchIn(odata, await odata.actionAnswer(`${taskPath(taskId)}/PauseStopwatch`));
}

export async function stopStopwatch(odata: ODataSession, taskId: Guid): Promise<Stopwatch | undefined> {
  return stopwatchIn(odata, await odata.actionAnswer(`${taskPath(taskId)}/StopStopwatch`));
}

/** The person's stopwatch on a task; undefined when there is none (404 or an empty answer). */
export async function getStopwatch(odata: ODataSession, taskId: Guid): Promise<Stopwatch | undefined> {
  try {
    const body = await odata.get(`${taskPath(taskId)}/GetStopwatch()`);
    if (!body || typeof body !== 'object') return undefined;
    return odata.read<Stopwatch>(stopwatchSchema, body, 'stopwatch');
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'not_found') return undefined;
    throw error;
  }
}

/** Every stopwatch of the key's owner (running and paused), the running ones first. */
export async function listStopwatches(odata: ODataSession): Promise<Stopwatch[]> {
  const page = await odata.list<Stopwatch>({
    entitySet: 'UserStopwatch',
    schema: stopwatchSchema,
    what: 'stopwatch',
    orderBy: [{ field: 'StartedAt', direction: 'desc' }],
  });
  return page.items.sort((a, b) => Number(!!a.PausedAt) - Number(!!b.PausedAt));
}

export async function listTimeEntries(
  odata: ODataSession,
  options: TimeEntryListOptions = {},
): Promise<Page<TimeEntry>> {
  return odata.list<TimeEntry>({
    entitySet: 'TimeEntry',
    schema: timeEntrySchema,
    what: 'time entry',
    filter: and(
      options.performedByContactId
        ? eq('PerformedByContactId', lit.guid(checkGuid(options.performedByContactId, 'performedByContactId')))
        : undefined,
      options.taskId ? eq('TaskItemId', lit.guid(checkGuid(options.taskId, 'taskId'))) : undefined,
      options.from ? ge('StartDateTime', lit.date(options.from)) : undefined,
      options.to ? lt('StartDateTime', lit.date(options.to)) : undefined,
    ),
    orderBy: [{ field: 'StartDateTime' }],
    top: options.top,
  });
}

export async function getTimeEntry(odata: ODataSession, entryId: Guid): Promise<TimeEntry> {
  return odata.entity<TimeEntry>(entityPath('TimeEntry', entryId, 'timeEntryId'), timeEntrySchema, 'time entry');
}

export async function createTimeEntry(odata: ODataSession, input: TimeEntryInput): Promise<TimeEntry> {
  return odata.create<TimeEntry>({
    path: 'TimeEntry',
    entitySet: 'TimeEntry',
    body: validate(timeEntryInputSchema, input),
    schema: timeEntrySchema,
    what: 'time entry',
  });
}

export async function updateTimeEntry(odata: ODataSession, entryId: Guid, patch: TimeEntryPatch): Promise<TimeEntry> {
  return odata.update<TimeEntry>({
    path: entityPath('TimeEntry', checkGuid(entryId, 'timeEntryId')),
    body: validate(timeEntryPatchSchema, patch),
    schema: timeEntrySchema,
    what: 'time entry',
  });
}

export async function deleteTimeEntry(odata: ODataSession, entryId: Guid): Promise<void> {
  return odata.remove(entityPath('TimeEntry', checkGuid(entryId, 'timeEntryId')));
}
