/** The time-tracking cards, filled with realistic data, for the card tests and the screenshots. */
import { timeFormCard, timerCard, weekCard, type AdaptiveCardJson } from '../../shared/cards';
import { weekOf } from '../../shared/cards/time-dates';
import type { Locale } from '../../shared/i18n';
import type { Stopwatch, TimeEntry } from '../../shared/inloox/time';

export const TIMER_TASK_ID = '22222222-2222-4222-8222-222222222222';
const PROJECT_ID = '11111111-1111-4111-8111-111111111111';
const AS_OF = Date.parse('2026-03-04T10:47:00Z');

export const STOPWATCH: Stopwatch = {
  UserStopwatchId: '55555555-5555-4555-8555-555555555555',
  ElapsedSeconds: 2 * 3600 + 17 * 60 + 12,
  InitiallyStartedAt: '2026-03-04T08:30:00Z',
  StartedAt: '2026-03-04T08:30:00Z',
  PausedAt: null,
  ProjectId: PROJECT_ID,
  TaskItemId: TIMER_TASK_ID,
  ProjectName: 'Website relaunch',
  ProjectNumber: '2026-007',
  TaskItemName: 'Write copy for the landing page',
};

function entry(id: number, day: string, hour: number, minutes: number, name: string, billable: boolean): TimeEntry {
  const start = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  return {
    TimeEntryId: `66666666-6666-4666-8666-${String(id).padStart(12, '0')}`,
    DisplayName: name,
    StartDateTime: new Date(start).toISOString(),
    EndDateTime: new Date(start + minutes * 60_000).toISOString(),
    DurationMinutes: minutes,
    ProjectId: PROJECT_ID,
    TaskItemId: TIMER_TASK_ID,
    IsBillable: billable,
    PerformedByContactId: '77777777-7777-4777-8777-777777777777',
  };
}

export const WEEK_ENTRIES: TimeEntry[] = [
  entry(1, '2026-03-02', 8, 90, 'Write copy for the landing page', true),
  entry(2, '2026-03-02', 13, 45, 'Kickoff mit dem Kunden', false),
  entry(3, '2026-03-03', 9, 120, 'Design review', true),
  entry(4, '2026-03-04', 8, 30, 'Write copy for the landing page', true),
];

export function timeCards(locale: Locale, formId: string): [string, AdaptiveCardJson][] {
  const ctx = { locale, timeZone: 'Europe/Berlin' };
  const values = {
    taskId: TIMER_TASK_ID,
    name: STOPWATCH.TaskItemName!,
    date: '2026-03-04',
    duration: '2:15',
    note: '',
    billable: 'true' as const,
  };
  return [
    [
      'timer running',
      timerCard(ctx, {
        stopwatches: [
          STOPWATCH,
          {
            ...STOPWATCH,
            TaskItemId: PROJECT_ID,
            TaskItemName: 'Design review',
            PausedAt: '2026-03-03T16:00:00Z',
            ElapsedSeconds: 1500,
          },
        ],
        asOf: AS_OF,
      }),
    ],
    [
      'timer paused',
      timerCard(ctx, { stopwatches: [{ ...STOPWATCH, PausedAt: '2026-03-04T10:47:00Z' }], asOf: AS_OF }),
    ],
    ['timer none', timerCard(ctx, { stopwatches: [], asOf: AS_OF })],
    [
      'timer booking form',
      timeFormCard(ctx, {
        mode: 'book',
        intro: 'The timer is paused at 2:17 h.',
        facts: [{ title: 'Task', value: STOPWATCH.TaskItemName! }],
        values,
        submitVerb: 'timer.book',
        submitData: { taskId: TIMER_TASK_ID, projectId: PROJECT_ID, startedAt: STOPWATCH.InitiallyStartedAt, formId },
        secondaryActions: [
          { title: 'Discard', verb: 'timer.discard', data: { taskId: TIMER_TASK_ID } },
          { title: 'Resume', verb: 'timer.resume', data: { taskId: TIMER_TASK_ID } },
        ],
      }),
    ],
    [
      'log time form',
      timeFormCard(ctx, {
        mode: 'log',
        error: 'I cannot read "soon" as a duration (for example 1.5h, 90m or 1:30).',
        taskChoices: [{ title: STOPWATCH.TaskItemName!, value: TIMER_TASK_ID }],
        values: { ...values, duration: 'soon' },
        submitVerb: 'time.log.submit',
        submitData: { formId },
      }),
    ],
    [
      'time entry edit form',
      timeFormCard(ctx, {
        mode: 'edit',
        values,
        submitVerb: 'time.update',
        submitData: { entryId: WEEK_ENTRIES[0]!.TimeEntryId },
        secondaryActions: [{ title: 'Delete', verb: 'time.delete', data: { entryId: WEEK_ENTRIES[0]!.TimeEntryId } }],
      }),
    ],
    [
      'my time week',
      weekCard(ctx, {
        week: weekOf(AS_OF, ctx.timeZone),
        entries: WEEK_ENTRIES,
        offset: 0,
        projectNames: new Map([[PROJECT_ID, '2026-007 · Website relaunch']]),
      }),
    ],
    ['my time empty', weekCard(ctx, { week: weekOf(AS_OF, ctx.timeZone, -1), entries: [], offset: -1 })],
  ];
}
