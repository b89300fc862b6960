/** Time entries: log time (command and form), my week, edit and delete my own entries. */
import { z } from 'zod';
import {
  messageCard,
  timeFormCard,
  weekCard,
  type AdaptiveCardJson,
  type Banner,
  type Choice,
  type TimeFormValues,
} from '../../shared/cards';
import { formatDate, truncate } from '../../shared/cards/format';
import { stringsFor, t } from '../../shared/cards/strings';
import { dayOf, entryWindow, todayIn, weekOf } from '../../shared/cards/time-dates';
import { elapsedText } from '../../shared/cards/time';
import { guidSchema, LIMITS, parseDuration, durationProblemText } from '../../shared/domain';
import type { InLooxApi } from '../../shared/inloox/api';
import type { TimeEntry } from '../../shared/inloox/time';
import type { Task } from '../../shared/inloox/types';
import { htmlToPlainText, plainTextToHtml } from '../../shared/sanitize';
import { verb, type Domain, type HandlerContext } from '../domain';
import { errorReason } from '../errors';
import { createFormData, formIdOf, newFormId, submitOnce } from '../once';
import { apiFor, banner } from '../turn';
import { durationInput, parseTimeForm, timeFormValues, type TimeForm } from '../time-input';
import { BadInputError } from '../validation';

const TASK_CHOICES = 50;
const entryData = z.object({ entryId: guidSchema });
const entryFormData = z.looseObject({ entryId: guidSchema });
const weekData = z.object({ offset: z.number().int().min(-104).max(0).optional() });
const logData = z.object({ taskId: guidSchema.optional() });

const minutesText = (minutes: number, locale: 'en' | 'de') => elapsedText(minutes * 60, locale);

function taskChoice(task: Task): Choice {
  return { title: truncate(task.Name || '?', 120), value: task.TaskItemId };
}

/** The log form: my open project tasks to choose from, today's date where I am. */
export async function logForm(
  c: HandlerContext,
  options: { values?: Partial<TimeFormValues>; error?: string; formId?: string; task?: Task } = {},
): Promise<AdaptiveCardJson> {
  const { ctx } = c.turn;
  const api = await apiFor(c.deps, c.turn);
  const mine = await api.myTasks({ top: TASK_CHOICES });
  const choices = mine.items.filter((task) => task.ProjectId).map(taskChoice);
  const selected = options.values?.taskId ?? options.task?.TaskItemId ?? '';
  if (options.task && !choices.some((choice) => choice.value === options.task!.TaskItemId))
    choices.unshift(taskChoice(options.task));
  return timeFormCard(ctx, {
    mode: 'log',
    error: options.error,
    taskChoices: choices,
    values: {
      taskId: selected,
      name: '',
      date: options.values?.date || todayIn(Date.now(), ctx.timeZone),
      duration: options.values?.duration ?? '',
      note: options.values?.note ?? '',
      billable: options.values?.billable ?? (options.task?.IsBillable ? 'true' : 'false'),
    },
    submitVerb: 'time.log.submit',
    submitData: { formId: options.formId ?? newFormId() },
  });
}

/** Books one entry for me on a task; the task says the project and the default name. */
async function book(
  api: InLooxApi,
  task: Task,
  form: Pick<TimeForm, 'minutes' | 'note' | 'billable'> & { name?: string; date: string },
  timeZone: string | undefined,
) {
  const { start, end } = entryWindow(form.date, form.minutes, timeZone, Date.now());
  return api.createTimeEntry({
    DisplayName: form.name || task.Name || '?',
    StartDateTime: start,
    EndDateTime: end,
    DurationMinutes: form.minutes,
    ProjectId: task.ProjectId!,
    TaskItemId: task.TaskItemId,
    IsBillable: form.billable,
    DescriptionHTML: form.note ? plainTextToHtml(form.note) : null,
  });
}

function bookedCard(c: HandlerContext, entry: TimeEntry): AdaptiveCardJson {
  const { locale } = c.turn.ctx;
  const s = stringsFor(locale);
  return messageCard(c.turn.ctx, {
    title: s.logTitle,
    text: t(locale, 'timeBooked', {
      duration: minutesText(entry.DurationMinutes, locale),
      name: entry.DisplayName ?? '',
    }),
    tone: 'good',
    actions: [
      { title: s.actionEdit, verb: 'time.edit', data: { entryId: entry.TimeEntryId } },
      { title: s.actionMyTime, verb: 'time.week', data: { offset: 0 } },
    ],
  });
}

const UNIT = /^(h|hr|hrs|hours?|std\.?|stunden?|m|min\.?|mins|minutes?|minuten)$/i;

/** "1,5 h Kickoff notes" → the duration text and the rest. */
function splitDuration(argument: string): { duration: string; rest: string } {
  const words = argument.split(' ');
  const two = words.length > 1 && UNIT.test(words[1]!) ? 2 : 1;
  return { duration: words.slice(0, two).join(' '), rest: words.slice(two).join(' ').trim() };
}

/** The task whose name begins the text (longest match, open tasks first), and what follows it as the note. */
async function taskAtStart(api: InLooxApi, text: string): Promise<{ task: Task; note: string } | undefined> {
  const first = text.split(' ')[0] ?? '';
  if (!first) return undefined;
  const page = await api.listTasks({ search: first.slice(0, LIMITS.search), top: TASK_CHOICES });
  const lower = text.toLowerCase();
  const matches = page.items
    .filter((task) => {
      const name = (task.Name ?? '').toLowerCase().trim();
      return name && lower.startsWith(name) && (lower.length === name.length || lower[name.length] === ' ');
    })
    .sort((a, b) => (b.Name ?? '').length - (a.Name ?? '').length || Number(a.IsDone) - Number(b.IsDone));
  const task = matches[0];
  if (!task) return undefined;
  const note = text
    .slice((task.Name ?? '').trim().length)
    .replace(/^[\s:–-]+/, '')
    .trim();
  return { task, note };
}

async function logCommand(c: HandlerContext, argument: string): Promise<AdaptiveCardJson> {
  const { ctx } = c.turn;
  if (!argument.trim()) return logForm(c);
  const { duration, rest } = splitDuration(argument.trim());
  const parsed = parseDuration(duration);
  if (!parsed.ok)
    throw new BadInputError(
      `${durationProblemText(parsed.problem, ctx.locale, duration)} ${t(ctx.locale, 'logUsage')}`,
    );
  const api = await apiFor(c.deps, c.turn);
  const found = rest ? await taskAtStart(api, rest) : undefined;
  if (!found || !found.task.ProjectId) {
    const error = rest ? t(ctx.locale, 'logTaskNotFound', { text: truncate(rest, 60) }) : undefined;
    return logForm(c, { values: { duration, note: rest }, error, task: found?.task });
  }
  const entry = await book(
    api,
    found.task,
    {
      minutes: parsed.minutes,
      note: found.note.slice(0, LIMITS.description),
      billable: !!found.task.IsBillable,
      date: todayIn(Date.now(), ctx.timeZone),
    },
    ctx.timeZone,
  );
  return bookedCard(c, entry);
}

async function showWeek(c: HandlerContext, offset = 0, bannerText?: Banner): Promise<AdaptiveCardJson> {
  const { ctx } = c.turn;
  const api = await apiFor(c.deps, c.turn);
  const week = weekOf(Date.now(), ctx.timeZone, offset);
  const page = await api.listTimeEntries({
    performedByContactId: await api.currentContactId(),
    from: week.from,
    to: week.to,
  });
  const projectIds = [...new Set(page.items.map((e) => e.ProjectId).filter((id): id is string => !!id))];
  const names = projectIds.length ? await api.getProjectNames(projectIds) : new Map();
  const projectNames = new Map([...names].map(([id, p]) => [id, p.Name] as [string, string]));
  return weekCard(ctx, { week, entries: page.items, offset, projectNames, banner: bannerText });
}

/** My own entry, or a refusal: nobody edits another person's bookings from here. */
async function ownEntry(api: InLooxApi, entryId: string, locale: 'en' | 'de'): Promise<TimeEntry> {
  const [entry, me] = await Promise.all([api.getTimeEntry(entryId), api.currentContactId()]);
  if (entry.PerformedByContactId.toLowerCase() !== me.toLowerCase())
    throw new BadInputError(t(locale, 'timeEntryNotYours'));
  return entry;
}

function editForm(c: HandlerContext, entry: TimeEntry, values?: TimeFormValues, error?: string): AdaptiveCardJson {
  const { ctx } = c.turn;
  const s = stringsFor(ctx.locale);
  return timeFormCard(ctx, {
    mode: 'edit',
    error,
    values: values ?? {
      taskId: entry.TaskItemId ?? '',
      name: entry.DisplayName ?? '',
      date: dayOf(entry.StartDateTime, ctx.timeZone),
      duration: durationInput(entry.DurationMinutes),
      note: htmlToPlainText(entry.DescriptionHTML ?? '', LIMITS.description),
      billable: entry.IsBillable ? 'true' : 'false',
    },
    submitVerb: 'time.update',
    submitData: { entryId: entry.TimeEntryId },
    secondaryActions: [
      { title: s.actionDelete, verb: 'time.delete', data: { entryId: entry.TimeEntryId } },
      { title: s.actionCancel, verb: 'time.week', data: { offset: 0 } },
    ],
  });
}

export const timeEntries: Domain = {
  name: 'time entries',
  commands: [
    {
      id: 'logTime',
      names: { en: ['log'], de: ['zeit'] },
      argument: 'optional',
      usage: { en: '[1.5h task [note]]', de: '[1,5h Aufgabe [Notiz]]' },
      help: { en: 'Book time on a task', de: 'Zeit auf eine Aufgabe buchen' },
      run: async (c, argument) => [await logCommand(c, argument)],
    },
    {
      id: 'myTime',
      names: { en: ['my time'], de: ['meine zeit'] },
      argument: 'none',
      help: { en: 'My booked time this week', de: 'Meine gebuchte Zeit dieser Woche' },
      run: async (c) => [await showWeek(c)],
    },
  ],
  verbs: {
    'time.log': verb(logData, async (c, data) => {
      if (!data.taskId) return logForm(c);
      const api = await apiFor(c.deps, c.turn);
      return logForm(c, { task: await api.getTask(data.taskId) });
    }),
    'time.log.submit': verb(createFormData, async (c, _data, raw) => {
      const { ctx } = c.turn;
      const values = timeFormValues(raw);
      const formId = formIdOf(raw);
      let form: TimeForm;
      try {
        form = parseTimeForm(values, ctx.locale, { task: true, date: true });
      } catch (error) {
        return logForm(c, { values, error: errorReason(ctx, error), formId });
      }
      const api = await apiFor(c.deps, c.turn);
      try {
        return await submitOnce(
          c.deps,
          c.turn,
          raw,
          async () => {
            const task = await api.getTask(form.taskId);
            if (!task.ProjectId) throw new BadInputError(t(ctx.locale, 'timerNeedsProject'));
            return book(api, task, form, ctx.timeZone);
          },
          async (entry) => bookedCard(c, entry),
        );
      } catch (error) {
        const reason =
          error instanceof BadInputError
            ? error.userText
            : t(ctx.locale, 'createFailed', { reason: errorReason(ctx, error) });
        return logForm(c, { values, error: reason, formId });
      }
    }),
    'time.week': verb(weekData, (c, data) => showWeek(c, data.offset ?? 0)),
    'time.edit': verb(entryData, async (c, data) => {
      const api = await apiFor(c.deps, c.turn);
      return editForm(c, await ownEntry(api, data.entryId, c.turn.ctx.locale));
    }),
    'time.update': verb(entryFormData, async (c, data, raw) => {
      const { ctx } = c.turn;
      const api = await apiFor(c.deps, c.turn);
      const entry = await ownEntry(api, data.entryId, ctx.locale);
      const values = timeFormValues(raw);
      let form: TimeForm;
      try {
        form = parseTimeForm(values, ctx.locale, { name: true, date: true });
      } catch (error) {
        return editForm(c, entry, values, errorReason(ctx, error));
      }
      const sameDay = form.date === dayOf(entry.StartDateTime, ctx.timeZone) && entry.StartDateTime;
      const start = sameDay
        ? Date.parse(entry.StartDateTime!)
        : Date.parse(entryWindow(form.date, form.minutes, ctx.timeZone, Date.now()).start);
      try {
        await api.updateTimeEntry(entry.TimeEntryId, {
          DisplayName: form.name,
          StartDateTime: new Date(start).toISOString(),
          EndDateTime: new Date(start + form.minutes * 60_000).toISOString(),
          DurationMinutes: form.minutes,
          IsBillable: form.billable,
          DescriptionHTML: form.note ? plainTextToHtml(form.note) : null,
        });
      } catch (error) {
        return editForm(c, entry, values, t(ctx.locale, 'saveFailed', { reason: errorReason(ctx, error) }));
      }
      return showWeek(c, 0, banner(ctx, 'timeEntryUpdated'));
    }),
    'time.delete': verb(entryData, async (c, data) => {
      const { ctx } = c.turn;
      const s = stringsFor(ctx.locale);
      const api = await apiFor(c.deps, c.turn);
      const entry = await ownEntry(api, data.entryId, ctx.locale);
      return messageCard(ctx, {
        title: s.confirmDeleteEntryTitle,
        text: t(ctx.locale, 'confirmDeleteEntryText', {
          name: entry.DisplayName ?? '',
          duration: minutesText(entry.DurationMinutes, ctx.locale),
          date: formatDate(entry.StartDateTime, ctx),
        }),
        tone: 'attention',
        actions: [
          { title: s.actionConfirmDelete, verb: 'time.delete.confirm', data: { entryId: entry.TimeEntryId } },
          { title: s.actionCancel, verb: 'time.week', data: { offset: 0 } },
        ],
      });
    }),
    'time.delete.confirm': verb(entryData, async (c, data) => {
      const api = await apiFor(c.deps, c.turn);
      await ownEntry(api, data.entryId, c.turn.ctx.locale);
      await api.deleteTimeEntry(data.entryId);
      return showWeek(c, 0, banner(c.turn.ctx, 'timeEntryDeleted'));
    }),
  },
};
