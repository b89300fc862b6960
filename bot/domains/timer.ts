/**
 * The timer: start (one running per person), pause, resume, stop → booking form → book or discard. Nothing of it is
 * kept here: InLoox's stopwatch is the state, so a timer survives restarts of the product.
 */
import { z } from 'zod';
import {
  messageCard,
  timeFormCard,
  timerCard,
  type AdaptiveCardJson,
  type Banner,
  type CardContext,
} from '../../shared/cards';
import { elapsedText } from '../../shared/cards/time';
import { stringsFor, t, type StringKey } from '../../shared/cards/strings';
import { guidSchema, roundMinutes } from '../../shared/domain';
import type { InLooxApi } from '../../shared/inloox/api';
import { isInLooxError } from '../../shared/inloox/errors';
import type { Stopwatch } from '../../shared/inloox/time';
import { plainTextToHtml } from '../../shared/sanitize';
import { verb, type Domain, type HandlerContext } from '../domain';
import { errorReason } from '../errors';
import { formIdData, submitOnce } from '../once';
import { apiFor, banner } from '../turn';
import { bookingFormId, durationInput, freshFormId, parseTimeForm, timeFormValues } from '../time-input';
import { idSchemas } from '../validation';
import { logForm } from './time-entries';

const taskData = idSchemas.task;
const stopData = z.object({ taskId: guidSchema, nextTaskId: guidSchema.optional() });
const bookData = z.looseObject({
  taskId: guidSchema,
  nextTaskId: guidSchema.optional(),
  projectId: guidSchema,
  startedAt: z.iso.datetime({ offset: true }),
  ...formIdData,
});

const notFound = (error: unknown) => isInLooxError(error) && error.kind === 'not_found';

function goneCard(ctx: CardContext): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  return messageCard(ctx, {
    title: s.timerGoneTitle,
    text: s.timerGoneText,
    tone: 'warning',
    actions: [
      { title: s.actionTimer, verb: 'timer.show', data: {} },
      { title: s.actionMyTime, verb: 'time.week', data: { offset: 0 } },
    ],
  });
}

export async function showTimers(c: HandlerContext, bannerText?: Banner): Promise<AdaptiveCardJson> {
  const api = await apiFor(c.deps, c.turn);
  const stopwatches = await api.listStopwatches();
  return timerCard(c.turn.ctx, { stopwatches, asOf: Date.now(), banner: bannerText });
}

/** Starts (or resumes) the timer on a task, unless another one runs: then asks to stop and book that one first. */
export async function startTimer(c: HandlerContext, taskId: string, key: StringKey = 'timerStarted', extra?: string) {
  const { ctx } = c.turn;
  const s = stringsFor(ctx.locale);
  const api = await apiFor(c.deps, c.turn);
  const stopwatches = await api.listStopwatches();
  const running = stopwatches.find((w) => !w.PausedAt && w.TaskItemId !== taskId);
  if (running?.TaskItemId) {
    return messageCard(ctx, {
      title: s.timerBusyTitle,
      text: t(ctx.locale, 'timerBusyText', {
        name: running.TaskItemName ?? '?',
        elapsed: elapsedText(running.ElapsedSeconds, ctx.locale),
      }),
      tone: 'warning',
      actions: [
        { title: s.actionStopAndBook, verb: 'timer.stop', data: { taskId: running.TaskItemId, nextTaskId: taskId } },
        { title: s.actionKeepTimer, verb: 'timer.show', data: {} },
      ],
    });
  }
  let started: Stopwatch | undefined;
  try {
    started = (await api.startStopwatch(taskId)) ?? (await api.getStopwatch(taskId));
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'validation')
      return messageCard(ctx, { title: s.timerTitle, text: s.timerNeedsProject, tone: 'warning' });
    throw error;
  }
  const others = stopwatches.filter((w) => w.TaskItemId !== taskId);
  const text = [extra, t(ctx.locale, key)].filter(Boolean).join(' ');
  return timerCard(ctx, {
    stopwatches: started ? [started, ...others] : others,
    asOf: Date.now(),
    banner: { text, tone: 'good' },
  });
}

async function bookingForm(
  c: HandlerContext,
  api: InLooxApi,
  stopwatch: Stopwatch,
  options: { nextTaskId?: string; error?: string; values?: ReturnType<typeof timeFormValues> } = {},
): Promise<AdaptiveCardJson> {
  const { ctx } = c.turn;
  const s = stringsFor(ctx.locale);
  const taskId = stopwatch.TaskItemId!;
  const [task, next] = await Promise.all([
    options.values ? undefined : api.getTask(taskId),
    options.nextTaskId ? api.getTask(options.nextTaskId).catch(() => undefined) : undefined,
  ]);
  const elapsed = elapsedText(stopwatch.ElapsedSeconds, ctx.locale);
  const intro = [
    t(ctx.locale, 'bookTimerText', { elapsed }),
    next ? t(ctx.locale, 'bookNextHint', { name: next.Name ?? '?' }) : '',
  ].join(' ');
  const stopData = { taskId, ...(options.nextTaskId ? { nextTaskId: options.nextTaskId } : {}) };
  return timeFormCard(ctx, {
    mode: 'book',
    intro: intro.trim(),
    error: options.error,
    facts: [
      { title: s.fieldTask, value: stopwatch.TaskItemName || task?.Name || '?' },
      {
        title: s.fieldProject,
        value: [stopwatch.ProjectNumber, stopwatch.ProjectName].filter(Boolean).join(' · ') || s.none,
      },
    ],
    values: options.values ?? {
      taskId,
      name: task?.Name ?? stopwatch.TaskItemName ?? '',
      date: '',
      duration: durationInput(roundMinutes(stopwatch.ElapsedSeconds / 60)),
      note: '',
      billable: task?.IsBillable ? 'true' : 'false',
    },
    submitVerb: 'timer.book',
    submitData: {
      ...stopData,
      projectId: stopwatch.ProjectId,
      startedAt: stopwatch.InitiallyStartedAt,
      formId: bookingFormId(stopwatch),
    },
    secondaryActions: [
      { title: s.actionDiscard, verb: 'timer.discard', data: stopData },
      { title: s.actionResume, verb: 'timer.resume', data: { taskId } },
    ],
  });
}

class TimerGoneError extends Error {}

export const timer: Domain = {
  name: 'timer',
  commands: [
    {
      id: 'timer',
      names: { en: ['timer', 'stopwatch'], de: ['stoppuhr'] },
      argument: 'none',
      help: { en: 'My running timer', de: 'Meine laufende Stoppuhr' },
      run: async (c) => [await showTimers(c)],
    },
  ],
  verbs: {
    'timer.start': verb(taskData, (c, data) => startTimer(c, data.taskId.toLowerCase())),
    'timer.resume': verb(taskData, (c, data) => startTimer(c, data.taskId.toLowerCase(), 'timerResumed')),
    'timer.show': verb(z.object({}), (c) => showTimers(c)),
    'timer.pause': verb(taskData, async (c, data) => {
      const api = await apiFor(c.deps, c.turn);
      try {
        const paused = (await api.pauseStopwatch(data.taskId)) ?? (await api.getStopwatch(data.taskId));
        return timerCard(c.turn.ctx, {
          stopwatches: paused ? [paused] : [],
          asOf: Date.now(),
          banner: banner(c.turn.ctx, 'timerPausedBanner'),
        });
      } catch (error) {
        if (notFound(error)) return goneCard(c.turn.ctx);
        throw error;
      }
    }),
    'timer.stop': verb(stopData, async (c, data) => {
      const api = await apiFor(c.deps, c.turn);
      let stopwatch: Stopwatch | undefined;
      try {
        stopwatch = (await api.pauseStopwatch(data.taskId)) ?? (await api.getStopwatch(data.taskId));
      } catch (error) {
        if (notFound(error)) return goneCard(c.turn.ctx);
        throw error;
      }
      if (!stopwatch?.TaskItemId) return goneCard(c.turn.ctx);
      return bookingForm(c, api, stopwatch, { nextTaskId: data.nextTaskId });
    }),
    'timer.book': verb(bookData, async (c, data, raw) => {
      const { ctx } = c.turn;
      const api = await apiFor(c.deps, c.turn);
      const values = timeFormValues(raw);
      const taskId = data.taskId.toLowerCase();
      let form;
      try {
        form = parseTimeForm(values, ctx.locale, { name: true });
      } catch (error) {
        const stopwatch = await api.getStopwatch(taskId);
        if (!stopwatch) return goneCard(ctx);
        return bookingForm(c, api, stopwatch, { nextTaskId: data.nextTaskId, values, error: errorReason(ctx, error) });
      }
      let booked;
      try {
        booked = await submitOnce(
          c.deps,
          c.turn,
          raw,
          async () => {
            const stopped = await api.stopStopwatch(taskId).catch((error: unknown) => {
              throw notFound(error) ? new TimerGoneError() : error;
            });
            const start = Date.parse(stopped?.InitiallyStartedAt ?? data.startedAt);
            const entry = await api
              .createTimeEntry({
                DisplayName: form.name,
                StartDateTime: new Date(start).toISOString(),
                EndDateTime: new Date(start + form.minutes * 60_000).toISOString(),
                DurationMinutes: form.minutes,
                ProjectId: stopped?.ProjectId ?? data.projectId,
                TaskItemId: taskId,
                IsBillable: form.billable,
                DescriptionHTML: form.note ? plainTextToHtml(form.note) : null,
              })
              .catch(async (error: unknown) => {
                // The stopwatch is gone: keep what was typed in a log form, so the time is not lost.
                throw new LostBookingError(error);
              });
            return { entryId: entry.TimeEntryId, minutes: form.minutes, name: form.name };
          },
          async (result) => bookedCard(c, result, data.nextTaskId),
        );
      } catch (error) {
        if (error instanceof TimerGoneError) return goneCard(ctx);
        if (error instanceof LostBookingError)
          return logForm(c, {
            values: { ...values, date: new Date(Date.parse(data.startedAt)).toISOString().slice(0, 10) },
            error: t(ctx.locale, 'createFailed', { reason: errorReason(ctx, error.cause) }),
            formId: freshFormId(),
          });
        throw error;
      }
      return booked;
    }),
    'timer.discard': verb(stopData, async (c, data) => {
      const api = await apiFor(c.deps, c.turn);
      try {
        await api.stopStopwatch(data.taskId);
      } catch (error) {
        if (notFound(error)) return goneCard(c.turn.ctx);
        throw error;
      }
      if (data.nextTaskId)
        return startTimer(c, data.nextTaskId.toLowerCase(), 'timerStarted', t(c.turn.ctx.locale, 'timerDiscarded'));
      return showTimers(c, banner(c.turn.ctx, 'timerDiscarded'));
    }),
  },
};

class LostBookingError extends Error {
  constructor(cause: unknown) {
    super('time entry not created after the stopwatch stopped', { cause });
  }
}

async function bookedCard(
  c: HandlerContext,
  result: { entryId: string; minutes: number; name: string },
  nextTaskId: string | undefined,
): Promise<AdaptiveCardJson> {
  const { ctx } = c.turn;
  const s = stringsFor(ctx.locale);
  const text = t(ctx.locale, 'timeBooked', { duration: durationText(result.minutes, ctx), name: result.name });
  if (nextTaskId) return startTimer(c, nextTaskId.toLowerCase(), 'timerStarted', text);
  return messageCard(ctx, {
    title: s.bookTitle,
    text,
    tone: 'good',
    actions: [
      { title: s.actionEdit, verb: 'time.edit', data: { entryId: result.entryId } },
      { title: s.actionMyTime, verb: 'time.week', data: { offset: 0 } },
    ],
  });
}

const durationText = (minutes: number, ctx: CardContext) => elapsedText(minutes * 60, ctx.locale);
