/** Tasks: find, show, create (also from a Teams message), edit, complete, reopen and delete. */
import { LIMITS } from '../../shared/domain/limits';
import { z } from 'zod';
import {
  EMPTY_TASK_FORM,
  PAGE_SIZE,
  confirmCard,
  messageCard,
  taskListCard,
  type AdaptiveCardJson,
  type CardContext,
  type TaskFormValues,
} from '../../shared/cards';
import { toDateInput } from '../../shared/cards/format';
import { t } from '../../shared/cards/strings';
import type { InLooxApi } from '../../shared/inloox/api';
import { isInLooxError } from '../../shared/inloox/errors';
import { FormInProgressError, createOnce } from '../../shared/state/once';
import type { Task } from '../../shared/inloox/types';
import { htmlToPlainText, plainTextToHtml, sanitizeTeamsMessageHtml } from '../../shared/sanitize';
import { verb, type Domain, type HandlerContext } from '../domain';
import { errorCard, errorReason } from '../errors';
import { submitEditForm } from '../forms';
import type { Banner } from '../../shared/cards';
import { readCreateFields, writeCreateFields } from '../custom-field-create';
import { loadTaskCard, loadTaskForm, notFoundCard } from '../loaders';
import { apiFor, banner, type BotDeps, type Turn } from '../turn';
import { idSchemas, newFormSchema, parseCardData, taskFormSchema, taskFormValues, toTaskInput } from '../validation';
import { createFormData, formIdOf, formScope, inProgressCard } from '../once';
import { listPage } from './lists';

/** The form's inputs are checked by the handler, so a mistake brings the form back with what was typed. */
const formData = createFormData;
const taskData = idSchemas.task;
/** Edit forms: the task id travels in the card, the inputs come from the person. */
const taskFormData = z.looseObject(idSchemas.task.shape);

function descriptionHtml(
  form: { description: string; sourceHtml?: string; sourceText?: string; sourceUrl?: string },
  ctx: CardContext,
): string | undefined {
  // A task made from a Teams message keeps the message's formatting as long as the text was not edited.
  const unchanged =
    form.sourceHtml !== undefined &&
    form.sourceText !== undefined &&
    form.description.trim() === form.sourceText.trim();
  let html = unchanged
    ? sanitizeTeamsMessageHtml(form.sourceHtml ?? '', { locale: ctx.locale })
    : form.description.trim()
      ? plainTextToHtml(form.description)
      : '';
  const sourceUrl = form.sourceUrl && /^https:\/\//i.test(form.sourceUrl) ? form.sourceUrl : undefined;
  if (sourceUrl) {
    const label = t(ctx.locale, 'extLinkToMessage');
    html += `<p><a href="${sourceUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}">${label}</a></p>`;
  }
  return html || undefined;
}

/** Creates a task from form data; on failure the form comes back with every entered value and the reason. */
export async function createTaskFromForm(
  deps: BotDeps,
  turn: Turn,
  data: unknown,
): Promise<{ ok: true; task: Task; card: AdaptiveCardJson } | { ok: false; card: AdaptiveCardJson }> {
  const { ctx } = turn;
  const api = await apiFor(deps, turn);
  const values = taskFormValues(data);
  const submitted = (data as Record<string, unknown> | undefined)?.sourceUrl;
  const sourceUrl = typeof submitted === 'string' ? submitted : undefined;
  const raw = (data ?? {}) as Record<string, unknown>;
  const formId = formIdOf(raw);
  let form;
  try {
    form = parseCardData(taskFormSchema, data, ctx.locale);
  } catch (error) {
    return {
      ok: false,
      card: await loadTaskForm(api, ctx, {
        mode: 'create',
        values,
        error: t(ctx.locale, 'formFixErrors', { errors: errorReason(ctx, error) }),
        sourceUrl,
        formId,
        customInputs: raw,
      }),
    };
  }
  const extra = await readCreateFields(api, ctx, 'TaskItem', raw);
  if (extra.errors.length)
    return {
      ok: false,
      card: await loadTaskForm(api, ctx, {
        mode: 'create',
        values,
        error: t(ctx.locale, 'formFixErrors', { errors: extra.errors.join(' ') }),
        sourceUrl,
        formId,
        customInputs: raw,
      }),
    };
  const input = toTaskInput(form, ctx.timeZone, descriptionHtml(form, ctx));
  try {
    let created: Task | undefined;
    let notSaved: Banner | undefined;
    const { result } = await createOnce(deps.state, formScope(turn), formId, async () => {
      created = await api.createTask(input);
      notSaved = await writeCreateFields(api, ctx, extra, created.TaskItemId, deps.log);
      return { taskId: created.TaskItemId };
    });
    // A repeated submit shows the task the first one created.
    const task = created ?? (await api.getTask(result.taskId));
    const card = await loadTaskCard(deps, api, ctx, task, { banner: notSaved ?? banner(ctx, 'taskCreated') });
    return { ok: true, task, card };
  } catch (error) {
    if (error instanceof FormInProgressError) return { ok: false, card: inProgressCard(ctx) };
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    deps.log('create_task_failed', { kind: isInLooxError(error) ? error.kind : 'other' });
    const reason = t(ctx.locale, 'createFailed', { reason: errorReason(ctx, error) });
    return {
      ok: false,
      card: await loadTaskForm(api, ctx, {
        mode: 'create',
        values,
        error: reason,
        sourceUrl,
        formId,
        customInputs: raw,
      }).catch(() => errorCard(ctx, error, deps.log)),
    };
  }
}

function taskToFormValues(task: Task, timeZone: string | undefined): TaskFormValues {
  return {
    name: task.Name ?? '',
    projectId: task.ProjectId ?? '',
    start: toDateInput(task.StartDateTime, timeZone),
    end: toDateInput(task.EndDateTime, timeZone),
    effort: task.WorkAmount ? String(task.WorkAmount) : '',
    assigneeId: task.ContactId ?? '',
    description: htmlToPlainText(task.DescriptionHTML ?? '', 10_000),
  };
}

async function withTask({ deps, turn }: HandlerContext, data: { taskId: string }) {
  return { api: await apiFor(deps, turn), taskId: data.taskId.toLowerCase() };
}

async function findTask(api: InLooxApi, query: string): Promise<Task | Task[]> {
  const page = await api.listTasks({ search: query, top: PAGE_SIZE });
  const lower = query.toLowerCase();
  const exact = page.items.find((task) => (task.Name ?? '').toLowerCase() === lower);
  if (exact) return exact;
  if (page.items.length === 1) return page.items[0]!;
  return page.items;
}

async function newTaskForm({ deps, turn }: HandlerContext, name: string, projectId = ''): Promise<AdaptiveCardJson> {
  const api = await apiFor(deps, turn);
  return loadTaskForm(api, turn.ctx, { mode: 'create', values: { ...EMPTY_TASK_FORM, name, projectId } });
}

export const tasks: Domain = {
  name: 'tasks',
  commands: [
    {
      id: 'task',
      names: { en: ['task'], de: ['aufgabe'] },
      argument: 'optional',
      usage: { en: '‹name›', de: '‹Name›' },
      help: { en: 'Show a task', de: 'Eine Aufgabe anzeigen' },
      welcome: true,
      run: async (c, argument) => {
        if (!argument) return [await listPage(c, { kind: 'tasks', search: '', mine: false, skip: 0 })];
        const api = await apiFor(c.deps, c.turn);
        const found = await findTask(api, argument.slice(0, LIMITS.search));
        if (!Array.isArray(found)) return [await loadTaskCard(c.deps, api, c.turn.ctx, found)];
        if (found.length === 0) return [notFoundCard(c.turn.ctx, 'taskNotFound', argument)];
        return [taskListCard(c.turn.ctx, found, { search: argument })];
      },
    },
    {
      id: 'newTask',
      names: { en: ['new task'], de: ['neue aufgabe'] },
      argument: 'optional',
      usage: { en: '[name]', de: '[Name]' },
      help: { en: 'Create a task', de: 'Eine Aufgabe erstellen' },
      welcome: true,
      run: async (c, argument) => [await newTaskForm(c, argument.slice(0, 255))],
    },
  ],
  verbs: {
    'task.show': verb(taskData, async (c, data) => {
      const { api, taskId } = await withTask(c, data);
      return loadTaskCard(c.deps, api, c.turn.ctx, taskId);
    }),
    'task.new': verb(newFormSchema, (c, { name, projectId }) => newTaskForm(c, name, projectId ?? '')),
    'task.create': verb(formData, async (c, _data, raw) => (await createTaskFromForm(c.deps, c.turn, raw)).card),
    'task.edit': verb(taskData, async (c, data) => {
      const { api, taskId } = await withTask(c, data);
      const task = await api.getTask(taskId);
      return loadTaskForm(api, c.turn.ctx, {
        mode: 'edit',
        taskId,
        values: taskToFormValues(task, c.turn.ctx.timeZone),
        assigneeName: task.ContactId && task.ContactDisplayName ? task.ContactDisplayName : undefined,
      });
    }),
    'task.update': verb(taskFormData, async (c, data, raw) => {
      const { api, taskId } = await withTask(c, data);
      const { ctx } = c.turn;
      const values = taskFormValues(raw);
      return submitEditForm(
        ctx,
        () => parseCardData(taskFormSchema, raw, ctx.locale),
        (error) => loadTaskForm(api, ctx, { mode: 'edit', taskId, values, error }),
        async (form, html) => {
          const task = await api.updateTask(taskId, toTaskInput(form, ctx.timeZone, html));
          return loadTaskCard(c.deps, api, ctx, task, { banner: banner(ctx, 'taskUpdated') });
        },
      );
    }),
    'task.complete': verb(taskData, async (c, data) => {
      const { api, taskId } = await withTask(c, data);
      const task = await api.completeTask(taskId);
      return loadTaskCard(c.deps, api, c.turn.ctx, task, { banner: banner(c.turn.ctx, 'taskCompleted') });
    }),
    'task.reopen': verb(taskData, async (c, data) => {
      const { api, taskId } = await withTask(c, data);
      const task = await api.reopenTask(taskId);
      return loadTaskCard(c.deps, api, c.turn.ctx, task, { banner: banner(c.turn.ctx, 'taskReopened') });
    }),
    'task.delete': verb(taskData, async (c, data) => {
      const { api, taskId } = await withTask(c, data);
      const task = await api.getTask(taskId);
      return confirmCard(c.turn.ctx, 'deleteTask', { id: taskId, name: task.Name ?? '' });
    }),
    'task.delete.confirm': verb(taskData, async (c, data) => {
      const { api, taskId } = await withTask(c, data);
      const { locale } = c.turn.ctx;
      const task = await api.getTask(taskId);
      await api.deleteTask(taskId);
      return messageCard(c.turn.ctx, {
        title: t(locale, 'taskDeletedTitle'),
        text: t(locale, 'taskDeletedText', { name: task.Name ?? '' }),
        tone: 'good',
        actions: [{ title: t(locale, 'actionMyTasks'), verb: 'tasks.list', data: { mine: true } }],
      });
    }),
  },
};
