/** Time tracking cards: the timer, the booking / log / edit form and the week of my time. */
import { formatMinutes } from '../domain/duration';
import type { Stopwatch, TimeEntry } from '../inloox/time';
import type { Task } from '../inloox/types';
import { action, facts, type Banner, type Choice } from './common';
import { formatDate, safeTimeZone, truncate, type CardContext } from './format';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { stringsFor, t, type Strings } from './strings';
import timeFormTemplate from './templates/time-form.json';
import timeWeekTemplate from './templates/time-week.json';
import timerTemplate from './templates/timer.json';
import { dayOf, type Week } from './time-dates';
import type { Verb } from './verbs';

/** "Start timer" and "Log time" for a task that can take time (open, in a project). */
export function timeActions(task: Pick<Task, 'TaskItemId' | 'IsDone' | 'ProjectId'>, s: Strings): CardAction[] {
  if (task.IsDone || !task.ProjectId) return [];
  const data = { taskId: task.TaskItemId };
  return [action(s.actionStartTimer, 'timer.start', data), action(s.actionLogTime, 'time.log', data)];
}

/** "1:05" from seconds (hours:minutes), the way a stopwatch is read. */
export function elapsedText(seconds: number, locale: CardContext['locale']): string {
  return formatMinutes(Math.floor(Math.max(0, seconds) / 60), locale);
}

function timeOfDay(ms: number, ctx: CardContext): string {
  return new Intl.DateTimeFormat(ctx.locale === 'de' ? 'de-DE' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: safeTimeZone(ctx.timeZone),
  }).format(new Date(ms));
}

const stopwatchTitle = (s: Stopwatch) => s.TaskItemName || '?';
const projectLine = (s: Stopwatch) => [s.ProjectNumber, s.ProjectName].filter(Boolean).join(' · ');

export interface TimerCardInput {
  /** The person's stopwatches, the running one first (as listStopwatches answers). */
  stopwatches: Stopwatch[];
  /** When InLoox answered, for "as of". */
  asOf: number;
  banner?: Banner;
  taskUrl?: (taskId: string) => string;
}

export function timerCard(ctx: CardContext, input: TimerCardInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const [main, ...rest] = input.stopwatches;
  const actions: CardAction[] = [];
  let fill = {
    banner: input.banner?.text ?? '',
    empty: main ? '' : s.timerNone,
    hasTimer: !!main,
    taskName: '',
    projectName: '',
    elapsed: '',
    stateText: '',
    stateColor: 'Good',
    facts: [] as Choice[],
    others: rest.map((other) => ({
      title: truncate(`${stopwatchTitle(other)} · ${elapsedText(other.ElapsedSeconds, ctx.locale)}`, 150),
      action: action(s.actionResume, 'timer.resume', { taskId: other.TaskItemId }),
    })),
    actions,
  };
  if (main?.TaskItemId) {
    const data = { taskId: main.TaskItemId };
    const paused = !!main.PausedAt;
    actions.push(
      paused ? action(s.actionResume, 'timer.resume', data) : action(s.actionPause, 'timer.pause', data),
      action(s.actionStop, 'timer.stop', data),
    );
    fill = {
      ...fill,
      taskName: truncate(stopwatchTitle(main), 150),
      projectName: truncate(projectLine(main), 150),
      elapsed: elapsedText(main.ElapsedSeconds, ctx.locale),
      stateText: `${paused ? s.timerPaused : s.timerRunning} · ${t(ctx.locale, 'timerAsOf', { time: timeOfDay(input.asOf, ctx) })}`,
      stateColor: paused ? 'Warning' : 'Good',
      facts: facts(
        [
          [
            s.timerStartedAt,
            `${formatDate(main.InitiallyStartedAt, ctx)} ${timeOfDay(Date.parse(main.InitiallyStartedAt), ctx)}`,
          ],
        ],
        ctx.locale,
      ),
    };
  }
  actions.push(action(s.actionMyTime, 'time.week', { offset: 0 }));
  return renderCard(timerTemplate, fill, ctx, { refresh: { verb: 'timer.show', data: {} } });
}

/** What the time form's inputs hold (card inputs are strings). */
export interface TimeFormValues {
  taskId: string;
  name: string;
  date: string;
  duration: string;
  note: string;
  billable: 'true' | 'false';
}

export interface TimeFormInput {
  mode: 'book' | 'log' | 'edit';
  values: TimeFormValues;
  /** Log: the tasks to choose from (the selected one is added when missing). */
  taskChoices?: Choice[];
  /** Fixed facts above the inputs (task, project, date of the timer). */
  facts?: Choice[];
  intro?: string;
  error?: string;
  submitVerb: Verb;
  submitData: Record<string, unknown>;
  secondaryActions?: CardAction[];
}

export function timeFormCard(ctx: CardContext, input: TimeFormInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const title = input.mode === 'book' ? s.bookTitle : input.mode === 'log' ? s.logTitle : s.editEntryTitle;
  const choices = input.taskChoices ?? [];
  return renderCard(
    timeFormTemplate,
    {
      title,
      intro: input.intro ?? '',
      error: input.error ?? '',
      facts: input.facts ?? [],
      showTask: input.mode === 'log',
      showName: input.mode !== 'log',
      showDate: input.mode !== 'book',
      taskChoices: choices,
      values: input.values,
      durationHelp: s.fieldDurationPlaceholder,
      submitTitle: input.mode === 'edit' ? s.actionSave : s.actionBook,
      submitVerb: input.submitVerb,
      submitData: input.submitData,
      secondaryActions: input.secondaryActions ?? [],
    },
    ctx,
  );
}

/** Most entries the week card lists (the card must stay under 28 KB); the rest are counted. */
export const WEEK_ENTRY_LIMIT = 40;

export interface WeekCardInput {
  week: Week;
  entries: TimeEntry[];
  offset: number;
  projectNames?: Map<string, string>;
  banner?: Banner;
}

function dayLabel(date: string, ctx: CardContext): string {
  return new Intl.DateTimeFormat(ctx.locale === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

export function weekCard(ctx: CardContext, input: WeekCardInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const shown = input.entries.slice(0, WEEK_ENTRY_LIMIT);
  const sum = (list: TimeEntry[]) => list.reduce((total, e) => total + e.DurationMinutes, 0);
  const days = input.week.days
    .map((date) => ({ date, entries: shown.filter((e) => dayOf(e.StartDateTime, ctx.timeZone) === date) }))
    .filter((day) => day.entries.length > 0)
    .map((day) => ({
      label: dayLabel(day.date, ctx),
      total: formatMinutes(sum(day.entries), ctx.locale),
      entries: day.entries.map((e) => ({
        id: e.TimeEntryId,
        title: truncate(e.DisplayName || '?', 150),
        subtitle: truncate(
          [e.ProjectId ? input.projectNames?.get(e.ProjectId) : undefined, e.IsBillable ? s.billableMark : undefined]
            .filter(Boolean)
            .join(' · '),
          150,
        ),
        duration: formatMinutes(e.DurationMinutes, ctx.locale),
      })),
    }));
  const hidden = input.entries.length - shown.length;
  return renderCard(
    timeWeekTemplate,
    {
      banner: input.banner?.text ?? '',
      title: t(ctx.locale, 'weekTitle', {
        date: formatDate(`${input.week.monday}T12:00:00Z`, { ...ctx, timeZone: 'UTC' }),
      }),
      total: t(ctx.locale, 'weekTotal', { total: formatMinutes(sum(input.entries), ctx.locale) }),
      empty: input.entries.length === 0 ? s.weekEmpty : '',
      days,
      more: hidden > 0 ? t(ctx.locale, 'weekMore', { count: hidden }) : '',
      actions: [
        action(s.actionPreviousWeek, 'time.week', { offset: input.offset - 1 }),
        ...(input.offset < 0 ? [action(s.actionNextWeek, 'time.week', { offset: input.offset + 1 })] : []),
        action(s.actionLogTime, 'time.log', {}),
        action(s.actionTimer, 'timer.show', {}),
      ],
    },
    ctx,
  );
}
