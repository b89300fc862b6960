/** The task card and the task form (create and edit). */
import type { Task } from '../inloox/types';
import { htmlToPlainText } from '../sanitize';
import { action, facts, LIMITS, withSelected, type Banner, type Choice } from './common';
import { formatDate, formatHours, type CardContext } from './format';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { stringsFor, t } from './strings';
import taskFormTemplate from './templates/task-form.json';
import taskTemplate from './templates/task.json';
import { timeActions } from './time';
import type { Verb } from './verbs';

export interface TaskCardInput {
  task: Task;
  projectName?: string;
  url?: string;
  banner?: Banner;
  /** Adds `refresh` so Teams shows current data when the card is opened again. */
  refresh?: boolean;
  /** Without actions: for cards inserted into a conversation by the message extension. */
  readOnly?: boolean;
}

interface TaskTemplateData {
  banner: string;
  bannerStyle: string;
  name: string;
  projectName: string;
  statusText: string;
  statusColor: 'Good' | 'Accent';
  facts: Choice[];
  description: string;
  actions: CardAction[];
  /** "Start timer", "Log time": in the body, since the card's own action bar is full. */
  timeActions: CardAction[];
  url: string;
}

export function taskCard(ctx: CardContext, input: TaskCardInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const { task } = input;
  const data = { taskId: task.TaskItemId };
  const actions = input.readOnly
    ? [action(s.actionShowTask, 'task.show', data)]
    : [
        task.IsDone ? action(s.actionReopen, 'task.reopen', data) : action(s.actionMarkDone, 'task.complete', data),
        action(s.actionEdit, 'task.edit', data),
        action(s.actionAddComment, 'task.comment', data),
        action(s.actionDelete, 'task.delete', data),
      ];
  const fill: TaskTemplateData = {
    banner: input.banner?.text ?? '',
    bannerStyle: input.banner?.tone ?? 'default',
    name: task.Name || '?',
    projectName: input.projectName ?? '',
    statusText: task.IsDone ? s.statusDone : s.statusOpen,
    statusColor: task.IsDone ? 'Good' : 'Accent',
    facts: facts(
      [
        [s.fieldStart, formatDate(task.StartDateTime, ctx)],
        [s.fieldDue, formatDate(task.EndDateTime, ctx)],
        [s.fieldEffort, formatHours(task.WorkAmount, ctx.locale)],
        [s.fieldAssignee, task.ContactDisplayName],
        ...(task.IsDone && task.DoneDate
          ? ([[s.statusDone, formatDate(task.DoneDate, ctx)]] as [string, string][])
          : []),
      ],
      ctx.locale,
    ),
    description: task.DescriptionHTML ? htmlToPlainText(task.DescriptionHTML, 1500) : '',
    actions,
    timeActions: input.readOnly ? [] : timeActions(task, s),
    url: input.url ?? '',
  };
  return renderCard(taskTemplate, fill, ctx, input.refresh ? { refresh: { verb: 'task.show', data } } : {});
}

/** What the task form's inputs hold (card inputs are strings). */
export interface TaskFormValues {
  name: string;
  projectId: string;
  start: string;
  end: string;
  effort: string;
  assigneeId: string;
  description: string;
}

export const EMPTY_TASK_FORM: TaskFormValues = {
  name: '',
  projectId: '',
  start: '',
  end: '',
  effort: '',
  assigneeId: '',
  description: '',
};

export interface TaskFormInput {
  mode: 'create' | 'edit';
  taskId?: string;
  values: TaskFormValues;
  /** Static choices for clients without dynamic typeahead; the selected project/contact is added if missing. */
  projectChoices: Choice[];
  contactChoices: Choice[];
  selectedProject?: Choice;
  selectedAssignee?: Choice;
  error?: string;
  /** Message extension: a link back to the Teams message the task comes from. */
  sourceUrl?: string;
  /** One-time id of a create form: the bot creates the task once, however often the form is sent. */
  formId?: string;
}

interface TaskFormTemplateData {
  title: string;
  error: string;
  values: Omit<TaskFormValues, 'effort'> & { effort: number | '' };
  projectChoices: Choice[];
  contactChoices: Choice[];
  errorEffort: string;
  sourceNote: string;
  submitTitle: string;
  submitVerb: Verb;
  submitData: Record<string, unknown>;
  secondaryActions: CardAction[];
}

export function taskFormCard(ctx: CardContext, input: TaskFormInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const create = input.mode === 'create';
  const submitData: Record<string, unknown> = create ? {} : { taskId: input.taskId };
  if (input.sourceUrl) submitData.sourceUrl = input.sourceUrl;
  if (create && input.formId) submitData.formId = input.formId;
  const fill: TaskFormTemplateData = {
    title: create ? s.newTaskTitle : s.editTaskTitle,
    error: input.error ?? '',
    // Input.Number takes a number; text that is not one is dropped rather than shown wrongly.
    values: {
      ...input.values,
      effort:
        input.values.effort.trim() && Number.isFinite(Number(input.values.effort)) ? Number(input.values.effort) : '',
    },
    projectChoices: withSelected(input.projectChoices, input.selectedProject, ctx.locale),
    contactChoices: withSelected(input.contactChoices, input.selectedAssignee, ctx.locale),
    errorEffort: t(ctx.locale, 'errorEffort', { max: LIMITS.effortHours }),
    sourceNote: input.sourceUrl ? `${s.extLinkToMessage}: ${input.sourceUrl}` : '',
    submitTitle: create ? s.actionCreate : s.actionSave,
    submitVerb: create ? 'task.create' : 'task.update',
    submitData,
    secondaryActions: create ? [] : [action(s.actionCancel, 'task.show', { taskId: input.taskId })],
  };
  return renderCard(taskFormTemplate, fill, ctx);
}
