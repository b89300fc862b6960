/**
 * The time-tracking half of the in-memory InLoox fake (stopwatches and time entries), with a clock the tests move.
 * test/inloox/time-contract.test.ts holds it to the same contract as the client over the sandbox.
 */
import { randomUUID } from 'node:crypto';
import { InLooxError } from '../../shared/inloox/errors';
import { isGuid } from '../../shared/inloox/query';
import { validate } from '../../shared/inloox/schemas';
import {
  timeEntryInputSchema,
  timeEntryPatchSchema,
  type Stopwatch,
  type TimeEntry,
  type TimeEntryInput,
  type TimeEntryListOptions,
  type TimeEntryPatch,
} from '../../shared/inloox/time';
import type { Guid, Page, Project, Task } from '../../shared/inloox/types';

interface StoredStopwatch {
  id: Guid;
  taskId: Guid;
  projectId: Guid;
  initiallyStartedAt: number;
  startedAt: number;
  pausedAt: number | undefined;
  accumulated: number;
}

const notFound = (what: string) => new InLooxError('not_found', { status: 404, detail: `${what} not found` });
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function key(value: unknown, field: string): Guid {
  if (!isGuid(value)) throw new InLooxError('validation', { field, detail: 'not a GUID' });
  return value.toLowerCase();
}

export class MemoryTime {
  readonly stopwatches = new Map<Guid, StoredStopwatch>();
  readonly entries = new Map<Guid, TimeEntry>();

  constructor(
    private readonly owner: () => Guid,
    private readonly tasks: Map<Guid, Task>,
    private readonly projects: Map<Guid, Project>,
    readonly clock: { now: number } = { now: Date.now() },
  ) {}

  private view(s: StoredStopwatch): Stopwatch {
    const running = s.pausedAt === undefined ? Math.max(0, this.clock.now - s.startedAt) : 0;
    const project = this.projects.get(s.projectId);
    return {
      UserStopwatchId: s.id,
      ElapsedSeconds: s.accumulated + Math.floor(running / 1000),
      InitiallyStartedAt: iso(s.initiallyStartedAt),
      StartedAt: iso(s.startedAt),
      PausedAt: s.pausedAt === undefined ? null : iso(s.pausedAt),
      ProjectId: s.projectId,
      TaskItemId: s.taskId,
      ProjectName: project?.Name ?? null,
      ProjectNumber: project?.Number ?? null,
      TaskItemName: this.tasks.get(s.taskId)?.Name ?? null,
    };
  }

  private task(taskId: Guid): Task {
    const task = this.tasks.get(key(taskId, 'taskId'));
    if (!task) throw notFound('task');
    return task;
  }

  private existing(taskId: Guid): StoredStopwatch {
    const task = this.task(taskId);
    const found = this.stopwatches.get(task.TaskItemId);
    if (!found) throw notFound('stopwatch');
    return found;
  }

  async startStopwatch(taskId: Guid): Promise<Stopwatch> {
    const task = this.task(taskId);
    if (!task.ProjectId) throw new InLooxError('validation', { status: 400, detail: 'task without project' });
    const now = this.clock.now;
    let s = this.stopwatches.get(task.TaskItemId);
    if (!s) {
      s = {
        id: randomUUID(),
        taskId: task.TaskItemId,
        projectId: task.ProjectId,
        initiallyStartedAt: now,
        startedAt: now,
        pausedAt: undefined,
        accumulated: 0,
      };
      this.stopwatches.set(task.TaskItemId, s);
    } else if (s.pausedAt !== undefined) {
      s.startedAt = now;
      s.pausedAt = undefined;
    }
    return this.view(s);
  }

  async pauseStopwatch(taskId: Guid): Promise<Stopwatch> {
    const s = this.existing(taskId);
    if (s.pausedAt === undefined) {
      s.accumulated = this.view(s).ElapsedSeconds;
      s.pausedAt = this.clock.now;
    }
    return this.view(s);
  }

  async stopStopwatch(taskId: Guid): Promise<Stopwatch> {
    const s = this.existing(taskId);
    this.stopwatches.delete(s.taskId);
    return this.view(s);
  }

  async getStopwatch(taskId: Guid): Promise<Stopwatch | undefined> {
    const task = this.task(taskId);
    const s = this.stopwatches.get(task.TaskItemId);
    return s && this.view(s);
  }

  async listStopwatches(): Promise<Stopwatch[]> {
    return [...this.stopwatches.values()]
      .sort((a, b) => b.startedAt - a.startedAt)
      .map((s) => this.view(s))
      .sort((a, b) => Number(!!a.PausedAt) - Number(!!b.PausedAt));
  }

  async listTimeEntries(options: TimeEntryListOptions = {}): Promise<Page<TimeEntry>> {
    const who = options.performedByContactId && key(options.performedByContactId, 'performedByContactId');
    const task = options.taskId && key(options.taskId, 'taskId');
    const from = options.from ? Date.parse(options.from) : -Infinity;
    const to = options.to ? Date.parse(options.to) : Infinity;
    const rows = [...this.entries.values()]
      .filter((e) => (!who || e.PerformedByContactId === who) && (!task || e.TaskItemId === task))
      .filter((e) => Date.parse(e.StartDateTime!) >= from && Date.parse(e.StartDateTime!) < to)
      .sort((a, b) => Date.parse(a.StartDateTime!) - Date.parse(b.StartDateTime!));
    return { items: options.top === undefined ? rows : rows.slice(0, options.top) };
  }

  async getTimeEntry(entryId: Guid): Promise<TimeEntry> {
    const entry = this.entries.get(key(entryId, 'timeEntryId'));
    if (!entry) throw notFound('time entry');
    return { ...entry };
  }

  private checkReferences(entry: TimeEntry): void {
    if (entry.ProjectId && !this.projects.has(entry.ProjectId))
      throw new InLooxError('validation', { status: 400, detail: 'project does not exist' });
    if (entry.TaskItemId) {
      const task = this.tasks.get(entry.TaskItemId);
      if (!task || (entry.ProjectId && task.ProjectId !== entry.ProjectId))
        throw new InLooxError('validation', { status: 400, field: 'TaskItemId', detail: 'task of another project' });
    }
  }

  async createTimeEntry(input: TimeEntryInput): Promise<TimeEntry> {
    const values = validate(timeEntryInputSchema, input);
    const entry: TimeEntry = {
      TimeEntryId: randomUUID(),
      DisplayName: values.DisplayName,
      StartDateTime: iso(Date.parse(values.StartDateTime)),
      EndDateTime: iso(Date.parse(values.EndDateTime)),
      DurationMinutes: values.DurationMinutes,
      ProjectId: values.ProjectId.toLowerCase(),
      TaskItemId: values.TaskItemId?.toLowerCase() ?? null,
      IsBillable: values.IsBillable ?? false,
      DescriptionHTML: values.DescriptionHTML ?? null,
      PerformedByContactId: this.owner(),
    };
    this.checkReferences(entry);
    this.entries.set(entry.TimeEntryId, entry);
    return { ...entry };
  }

  async updateTimeEntry(entryId: Guid, patch: TimeEntryPatch): Promise<TimeEntry> {
    const existing = await this.getTimeEntry(entryId);
    const values = validate(timeEntryPatchSchema, patch);
    const entry: TimeEntry = { ...existing, ...values };
    if (values.StartDateTime) entry.StartDateTime = iso(Date.parse(values.StartDateTime));
    if (values.EndDateTime) entry.EndDateTime = iso(Date.parse(values.EndDateTime));
    if (Date.parse(entry.EndDateTime!) <= Date.parse(entry.StartDateTime!))
      throw new InLooxError('validation', { status: 400, field: 'EndDateTime', detail: 'end before start' });
    this.checkReferences(entry);
    this.entries.set(entry.TimeEntryId, entry);
    return { ...entry };
  }

  async deleteTimeEntry(entryId: Guid): Promise<void> {
    if (!this.entries.delete(key(entryId, 'timeEntryId'))) throw notFound('time entry');
  }
}
