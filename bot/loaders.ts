/** Cards that need InLoox data first: task and project cards, and forms with their choice lists. */
import {
  contactChoice,
  messageCard,
  projectCard,
  projectChoice,
  projectFormCard,
  projectTitle,
  taskCard,
  taskFormCard,
  type AdaptiveCardJson,
  type Banner,
  type CardContext,
  type Choice,
  type ProjectFormOriginal,
  type ProjectFormValues,
  type TaskFormValues,
} from '../shared/cards';
import { t } from '../shared/cards/strings';
import type { InLooxApi } from '../shared/inloox/api';
import type { Project, ProjectName, Task } from '../shared/inloox/types';
import { withCreateFormFields } from './custom-field-create';
import { customFieldsFor } from './custom-fields';
import { newFormId } from './once';
import { formExtras } from './project-form-extras';
import { loadProjectSocial } from './project-social';
import type { BotDeps } from './turn';

const CHOICE_COUNT = 15;
/** Open tasks read for a project card: five are listed, the rest counted ("… and 12 more"). */
const OPEN_TASKS_COUNTED = 50;

export async function loadTaskCard(
  deps: BotDeps,
  api: InLooxApi,
  ctx: CardContext,
  taskOrId: string | Task,
  /** `project`: already looked up for a whole list (projectNamesOf); undefined: not known, so not shown. */
  options: { banner?: Banner; readOnly?: boolean; project?: ProjectName | undefined } = {},
): Promise<AdaptiveCardJson> {
  const task = typeof taskOrId === 'string' ? await api.getTask(taskOrId) : taskOrId;
  const target = { table: 'TaskItem', id: task.TaskItemId, name: task.Name ?? '' } as const;
  const addCustomFields = customFieldsFor(api, ctx, target, { readOnly: options.readOnly, log: deps.log });
  const project =
    'project' in options || !task.ProjectId
      ? options.project
      : await api.getProject(task.ProjectId).catch(() => undefined);
  const projectName = project && projectTitle(project);
  const card = taskCard(ctx, {
    task,
    projectName,
    url: deps.links.task(task.TaskItemId),
    banner: options.banner,
    refresh: !options.readOnly,
    readOnly: options.readOnly,
  });
  return addCustomFields(card);
}

export async function loadProjectCard(
  deps: BotDeps,
  api: InLooxApi,
  ctx: CardContext,
  projectOrId: string | Project,
  options: { banner?: Banner; readOnly?: boolean } = {},
): Promise<AdaptiveCardJson> {
  const project = typeof projectOrId === 'string' ? await api.getProject(projectOrId) : projectOrId;
  const target = { table: 'Project', id: project.ProjectId, name: project.Name } as const;
  const addCustomFields = customFieldsFor(api, ctx, target, { readOnly: options.readOnly, log: deps.log });
  const memberList = api.listMembers(project.ProjectId).catch(() => []);
  const [members, tasks, social] = await Promise.all([
    memberList,
    api
      .listTasks({ projectId: project.ProjectId, open: true, top: OPEN_TASKS_COUNTED })
      .catch(() => ({ items: [] as Task[], count: 0 })),
    loadProjectSocial(api, project.ProjectId, memberList, t(ctx.locale, 'unknownAuthor')),
  ]);
  const card = projectCard(ctx, {
    social,
    project,
    members,
    openTasks: tasks.items,
    openTaskCount: tasks.count ?? tasks.items.length,
    openTaskCountIsAtLeast: tasks.count === undefined && tasks.items.length >= OPEN_TASKS_COUNTED,
    url: deps.links.project(project.ProjectId),
    banner: options.banner,
    refresh: !options.readOnly,
    readOnly: options.readOnly,
    copyFormId: options.readOnly ? undefined : newFormId(),
  });
  return addCustomFields(card);
}

export async function contactChoices(api: InLooxApi): Promise<Choice[]> {
  return api.listContacts({ top: CHOICE_COUNT }).then((page) => page.items.map(contactChoice));
}

async function choices(api: InLooxApi): Promise<{ projects: Choice[]; contacts: Choice[] }> {
  const [projects, contacts] = await Promise.all([
    api.listProjects({ top: CHOICE_COUNT, favoritesFirst: true }).then((page) => page.items.map(projectChoice)),
    contactChoices(api),
  ]);
  return { projects, contacts };
}

async function selectedProject(api: InLooxApi, projectId: string): Promise<Choice | undefined> {
  if (!projectId) return undefined;
  return api.getProject(projectId).then(projectChoice, () => undefined);
}

async function selectedContact(api: InLooxApi, contactId: string): Promise<Choice | undefined> {
  if (!contactId) return undefined;
  return api.getContact(contactId).then(contactChoice, () => undefined);
}

export interface TaskFormOptions {
  mode: 'create' | 'edit';
  taskId?: string;
  values: TaskFormValues;
  error?: string;
  sourceUrl?: string;
  assigneeName?: string;
  /** The create form's one-time id; a new one when not given (a form shown again after an error keeps its id). */
  formId?: string;
  /** What was typed into the custom fields of a create form shown again. */
  customInputs?: Record<string, unknown>;
}

export async function loadTaskForm(
  api: InLooxApi,
  ctx: CardContext,
  options: TaskFormOptions,
): Promise<AdaptiveCardJson> {
  const [lists, project, assignee] = await Promise.all([
    choices(api),
    selectedProject(api, options.values.projectId),
    options.assigneeName
      ? Promise.resolve<Choice>({ title: options.assigneeName, value: options.values.assigneeId })
      : selectedContact(api, options.values.assigneeId),
  ]);
  const card = taskFormCard(ctx, {
    mode: options.mode,
    taskId: options.taskId,
    values: options.values,
    projectChoices: lists.projects,
    contactChoices: lists.contacts,
    selectedProject: project,
    selectedAssignee: assignee,
    error: options.error,
    sourceUrl: options.sourceUrl,
    formId: options.mode === 'create' ? (options.formId ?? newFormId()) : undefined,
  });
  if (options.mode !== 'create') return card;
  return withCreateFormFields(api, ctx, 'TaskItem', card, options.customInputs);
}

export async function loadProjectForm(
  api: InLooxApi,
  ctx: CardContext,
  options: {
    mode: 'create' | 'edit';
    projectId?: string;
    values: ProjectFormValues;
    error?: string;
    /** Shown above the form when it is not an error (e.g. a suggested description). */
    notice?: string;
    formId?: string;
    customInputs?: Record<string, unknown>;
    /** The project an edit form is opened for: its number and categories fill the form. */
    project?: Project;
    /** What an edit form shown again was opened with. */
    original?: ProjectFormOriginal;
  },
): Promise<AdaptiveCardJson> {
  const [contacts, client, extras] = await Promise.all([
    contactChoices(api),
    selectedContact(api, options.values.clientId),
    formExtras(api, options.project, options.original),
  ]);
  const formId = options.mode === 'create' ? (options.formId ?? newFormId()) : undefined;
  const { customInputs, project, original: _original, ...formOptions } = options;
  const values = project
    ? { ...options.values, categoryIds: (extras.projectCategoryIds ?? []).join(',') }
    : options.values;
  const card = projectFormCard(ctx, {
    ...formOptions,
    values,
    formId,
    contactChoices: contacts,
    selectedClient: client,
    extras,
  });
  if (options.mode !== 'create') return card;
  return withCreateFormFields(api, ctx, 'Project', card, customInputs);
}

export function notFoundCard(
  ctx: CardContext,
  key: 'projectNotFound' | 'taskNotFound',
  query: string,
): AdaptiveCardJson {
  return messageCard(ctx, {
    title: t(ctx.locale, 'notFoundTitle'),
    text: t(ctx.locale, key, { text: query.slice(0, 60) }),
    tone: 'warning',
  });
}
