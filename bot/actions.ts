/**
 * What the bot does, without the Bot Framework SDK: one verb router for card actions (Action.Execute and the
 * Action.Submit fallback) and one command runner for chat text. Both return Adaptive Card JSON.
 */
import {
  EMPTY_PROJECT_FORM,
  EMPTY_TASK_FORM,
  PAGE_SIZE,
  addMemberCard,
  commentCard,
  confirmCard,
  connectCard,
  connectedCard,
  contactChoice,
  contactName,
  disconnectedCard,
  helpCard,
  messageCard,
  projectCard,
  projectChoice,
  projectFormCard,
  projectListCard,
  projectTitle,
  roleText,
  taskCard,
  taskFormCard,
  taskListCard,
  welcomeCard,
  type AdaptiveCardJson,
  type AddMemberFormInput,
  type Banner,
  type CardContext,
  type Choice,
  type ProjectFormValues,
  type TaskFormValues,
} from '../shared/cards';
import { toDateInput } from '../shared/cards/format';
import { t } from '../shared/cards/strings';
import { isVerb, type Verb } from '../shared/cards/verbs';
import type { ConnectionService } from '../shared/connections';
import { identityKey, type UserIdentity } from '../shared/identity';
import type { InLooxApi, InLooxLinks } from '../shared/inloox/api';
import { isInLooxError } from '../shared/inloox/errors';
import type { Project, Task } from '../shared/inloox/types';
import { htmlToPlainText, plainTextToHtml, sanitizeTeamsMessageHtml } from '../shared/sanitize';
import type { Command } from './commands';
import { MissingIdentityError, errorCard, errorReason, type BotLogger } from './errors';
import {
  BadInputError,
  commentSchema,
  idSchemas,
  listSchema,
  memberSchema,
  newFormSchema,
  parseCardData,
  projectFormSchema,
  projectFormValues,
  roleValue,
  taskFormSchema,
  taskFormValues,
  toProjectInput,
  toTaskInput,
} from './validation';

export interface BotDeps {
  connections: ConnectionService;
  links: InLooxLinks;
  /** The operator's InLoox API base URL (link unfurling accepts its host). */
  inlooxBaseUrl: string;
  log: BotLogger;
  memory: ListMemory;
}

/** Who acts and how they read: taken from the activity by the SDK edge. */
export interface Turn {
  identity: UserIdentity | undefined;
  ctx: CardContext;
  /** Conversation id, to remember the last list for "more". */
  conversationId: string;
}

/** Remembers each person's last list per conversation, so a typed "more" can continue it. */
export class ListMemory {
  private readonly entries = new Map<string, ListState>();
  constructor(private readonly capacity = 1000) {}

  get(key: string): ListState | undefined {
    return this.entries.get(key);
  }

  set(key: string, state: ListState | undefined): void {
    this.entries.delete(key);
    if (!state) return;
    this.entries.set(key, state);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

export interface ListState {
  kind: 'projects' | 'tasks';
  search: string;
  mine: boolean;
  nextSkip: number;
}

const CHOICE_COUNT = 15;
/** Open tasks read for a project card: five are listed, the rest counted ("… and 12 more"). */
const OPEN_TASKS_COUNTED = 50;

function requireIdentity(turn: Turn): UserIdentity {
  if (!turn.identity) throw new MissingIdentityError();
  return turn.identity;
}

async function apiFor(deps: BotDeps, turn: Turn): Promise<InLooxApi> {
  return deps.connections.apiFor(requireIdentity(turn));
}

/** The green line on top of a card after something worked ("Task created."). */
const banner = (ctx: CardContext, key: Parameters<typeof t>[1], vars: Record<string, string> = {}): Banner => ({
  text: t(ctx.locale, key, vars),
  tone: 'good',
});

function memoryKey(turn: Turn): string {
  return `${turn.identity ? identityKey(turn.identity) : 'anonymous'}|${turn.conversationId}`;
}

// ---- loading cards -------------------------------------------------------------------------------------------

export async function loadTaskCard(
  deps: BotDeps,
  api: InLooxApi,
  ctx: CardContext,
  taskOrId: string | Task,
  options: { banner?: Banner; readOnly?: boolean } = {},
): Promise<AdaptiveCardJson> {
  const task = typeof taskOrId === 'string' ? await api.getTask(taskOrId) : taskOrId;
  const projectName = task.ProjectId
    ? await api.getProject(task.ProjectId).then(projectTitle, () => undefined)
    : undefined;
  return taskCard(ctx, {
    task,
    projectName,
    url: deps.links.task(task.TaskItemId),
    banner: options.banner,
    refresh: !options.readOnly,
    readOnly: options.readOnly,
  });
}

export async function loadProjectCard(
  deps: BotDeps,
  api: InLooxApi,
  ctx: CardContext,
  projectOrId: string | Project,
  options: { banner?: Banner; readOnly?: boolean } = {},
): Promise<AdaptiveCardJson> {
  const project = typeof projectOrId === 'string' ? await api.getProject(projectOrId) : projectOrId;
  const [members, tasks] = await Promise.all([
    api.listMembers(project.ProjectId).catch(() => []),
    api
      .listTasks({ projectId: project.ProjectId, open: true, top: OPEN_TASKS_COUNTED })
      .catch(() => ({ items: [] as Task[], count: 0 })),
  ]);
  return projectCard(ctx, {
    project,
    members,
    openTasks: tasks.items,
    openTaskCount: tasks.count ?? tasks.items.length,
    openTaskCountIsAtLeast: tasks.count === undefined && tasks.items.length >= OPEN_TASKS_COUNTED,
    url: deps.links.project(project.ProjectId),
    banner: options.banner,
    refresh: !options.readOnly,
    readOnly: options.readOnly,
  });
}

async function contactChoices(api: InLooxApi): Promise<Choice[]> {
  return api.listContacts({ top: CHOICE_COUNT }).then((page) => page.items.map(contactChoice));
}

async function choices(api: InLooxApi): Promise<{ projects: Choice[]; contacts: Choice[] }> {
  const [projects, contacts] = await Promise.all([
    api.listProjects({ top: CHOICE_COUNT }).then((page) => page.items.map(projectChoice)),
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
  return taskFormCard(ctx, {
    mode: options.mode,
    taskId: options.taskId,
    values: options.values,
    projectChoices: lists.projects,
    contactChoices: lists.contacts,
    selectedProject: project,
    selectedAssignee: assignee,
    error: options.error,
    sourceUrl: options.sourceUrl,
  });
}

async function loadProjectForm(
  api: InLooxApi,
  ctx: CardContext,
  options: { mode: 'create' | 'edit'; projectId?: string; values: ProjectFormValues; error?: string },
): Promise<AdaptiveCardJson> {
  const [contacts, client] = await Promise.all([contactChoices(api), selectedContact(api, options.values.clientId)]);
  return projectFormCard(ctx, { ...options, contactChoices: contacts, selectedClient: client });
}

async function loadAddMemberForm(
  api: InLooxApi,
  ctx: CardContext,
  projectId: string,
  entered: Pick<AddMemberFormInput, 'values' | 'error'> = {},
): Promise<AdaptiveCardJson> {
  const [project, contacts] = await Promise.all([api.getProject(projectId), contactChoices(api)]);
  return addMemberCard(ctx, { project, contactChoices: contacts, ...entered });
}

// ---- lists -------------------------------------------------------------------------------------------------

async function listPage(
  deps: BotDeps,
  turn: Turn,
  state: Omit<ListState, 'nextSkip'> & { skip: number },
): Promise<AdaptiveCardJson> {
  const api = await apiFor(deps, turn);
  const { ctx } = turn;
  const top = PAGE_SIZE + 1;
  const search = state.search || undefined;
  const page =
    state.kind === 'projects'
      ? await api.listProjects({ search, skip: state.skip, top })
      : state.mine
        ? await api.myTasks({ search, skip: state.skip, top })
        : await api.listTasks({ search, skip: state.skip, top, open: true });
  const hasMore = page.items.length > PAGE_SIZE;
  const nextSkip = hasMore ? state.skip + PAGE_SIZE : undefined;
  deps.memory.set(memoryKey(turn), nextSkip === undefined ? undefined : { ...state, nextSkip });
  const items = page.items.slice(0, PAGE_SIZE);
  return state.kind === 'projects'
    ? projectListCard(ctx, items as Project[], { search: state.search, nextSkip })
    : taskListCard(ctx, items as Task[], { search: state.search, nextSkip, mine: state.mine });
}

// ---- forms -------------------------------------------------------------------------------------------------

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
      }),
    };
  }
  try {
    const task = await api.createTask(toTaskInput(form, ctx.timeZone, descriptionHtml(form, ctx)));
    const card = await loadTaskCard(deps, api, ctx, task, { banner: banner(ctx, 'taskCreated') });
    return { ok: true, task, card };
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    deps.log('create_task_failed', { kind: isInLooxError(error) ? error.kind : 'other' });
    const reason = t(ctx.locale, 'createFailed', { reason: errorReason(ctx, error) });
    return {
      ok: false,
      card: await loadTaskForm(api, ctx, { mode: 'create', values, error: reason, sourceUrl }).catch(() =>
        errorCard(ctx, error, deps.log),
      ),
    };
  }
}

async function createProjectFromForm(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCardJson> {
  const { ctx } = turn;
  const api = await apiFor(deps, turn);
  const values = projectFormValues(data);
  let form;
  try {
    form = parseCardData(projectFormSchema, data, ctx.locale);
  } catch (error) {
    return loadProjectForm(api, ctx, {
      mode: 'create',
      values,
      error: t(ctx.locale, 'formFixErrors', { errors: errorReason(ctx, error) }),
    });
  }
  try {
    const html = form.description.trim() ? plainTextToHtml(form.description) : undefined;
    const project = await api.createProject(toProjectInput(form, ctx.timeZone, html));
    return loadProjectCard(deps, api, ctx, project, { banner: banner(ctx, 'projectCreated') });
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    const reason = t(ctx.locale, 'createFailed', { reason: errorReason(ctx, error) });
    return loadProjectForm(api, ctx, { mode: 'create', values, error: reason }).catch(() =>
      errorCard(ctx, error, deps.log),
    );
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

function projectToFormValues(project: Project, timeZone: string | undefined): ProjectFormValues {
  return {
    name: project.Name,
    start: toDateInput(project.StartDate, timeZone),
    end: toDateInput(project.EndDate, timeZone),
    priority: String(project.Priority ?? 1),
    clientId: project.ClientId ?? '',
    description: htmlToPlainText(project.DescriptionHTML ?? project.DescriptionText ?? '', 10_000),
  };
}

// ---- the verb router ---------------------------------------------------------------------------------------

type Handler = (deps: BotDeps, turn: Turn, data: unknown) => Promise<AdaptiveCardJson>;

async function withTask(deps: BotDeps, turn: Turn, data: unknown) {
  const { taskId } = parseCardData(idSchemas.task, data, turn.ctx.locale);
  return { api: await apiFor(deps, turn), taskId: taskId.toLowerCase() };
}

async function withProject(deps: BotDeps, turn: Turn, data: unknown) {
  const { projectId } = parseCardData(idSchemas.project, data, turn.ctx.locale);
  return { api: await apiFor(deps, turn), projectId: projectId.toLowerCase() };
}

/**
 * Saves an edit form: bad input or a failed save brings the form back with what was typed and why. An emptied
 * description is saved as none (DescriptionHTML null), so clearing it in the form clears it in InLoox.
 */
async function submitEditForm<F extends { description: string }>(
  ctx: CardContext,
  parse: () => F,
  showForm: (error: string) => Promise<AdaptiveCardJson>,
  save: (form: F, descriptionHtml: string | undefined) => Promise<AdaptiveCardJson>,
): Promise<AdaptiveCardJson> {
  let form: F;
  try {
    form = parse();
  } catch (error) {
    return showForm(t(ctx.locale, 'formFixErrors', { errors: errorReason(ctx, error) }));
  }
  try {
    return await save(form, form.description.trim() ? plainTextToHtml(form.description) : undefined);
  } catch (error) {
    if (isInLooxError(error) && (error.kind === 'auth' || error.kind === 'not_found' || error.kind === 'forbidden'))
      throw error;
    return showForm(t(ctx.locale, 'saveFailed', { reason: errorReason(ctx, error) }));
  }
}

/** What a comment is added to: its name for the form, how the note is added, and the card shown afterwards. */
interface CommentTarget {
  target: 'project' | 'task';
  id: string;
  name: () => Promise<string>;
  addNote: (html: string) => Promise<unknown>;
  showAfter: (banner: Banner) => Promise<AdaptiveCardJson>;
}

/** Adds a submitted comment; bad input brings the comment form back with the typed text and the reason. */
async function submitComment(turn: Turn, data: unknown, on: CommentTarget): Promise<AdaptiveCardJson> {
  const { ctx } = turn;
  let comment;
  try {
    comment = parseCardData(commentSchema, data, ctx.locale).comment;
  } catch (error) {
    const raw = (data ?? {}) as Record<string, unknown>;
    const kept = typeof raw.comment === 'string' ? raw.comment.slice(0, 4000) : '';
    return commentCard(ctx, {
      target: on.target,
      id: on.id,
      name: await on.name(),
      values: { comment: kept },
      error: errorReason(ctx, error),
    });
  }
  await on.addNote(plainTextToHtml(comment));
  return on.showAfter(banner(ctx, 'commentAdded'));
}

const HANDLERS: Record<Verb, Handler> = {
  help: async (_deps, turn) => helpCard(turn.ctx),
  'connect.show': async (_deps, turn) => connectCard(turn.ctx),
  'connect.submit': async (deps, turn, data) => {
    const identity = requireIdentity(turn);
    const apiKey = (data as Record<string, unknown> | undefined)?.apiKey;
    if (typeof apiKey !== 'string' || !apiKey.trim())
      return connectCard(turn.ctx, { error: t(turn.ctx.locale, 'connectKeyRequired') });
    try {
      const info = await deps.connections.connect(identity, apiKey);
      return connectedCard(turn.ctx, { DisplayName: info.inlooxDisplayName, Email: info.inlooxEmail });
    } catch (error) {
      if (isInLooxError(error) && (error.kind === 'auth' || error.kind === 'validation' || error.kind === 'forbidden'))
        return connectCard(turn.ctx, { error: t(turn.ctx.locale, 'connectRejected') });
      deps.log('connect_failed', { kind: isInLooxError(error) ? error.kind : 'other' });
      return connectCard(turn.ctx, { error: errorReason(turn.ctx, error) });
    }
  },
  disconnect: async (deps, turn) =>
    disconnectedCard(turn.ctx, await deps.connections.disconnect(requireIdentity(turn))),

  'projects.list': async (deps, turn, data) => {
    const list = parseCardData(listSchema, data, turn.ctx.locale);
    return listPage(deps, turn, { kind: 'projects', search: list.search, mine: false, skip: list.skip });
  },
  'tasks.list': async (deps, turn, data) => {
    const list = parseCardData(listSchema, data, turn.ctx.locale);
    return listPage(deps, turn, { kind: 'tasks', search: list.search, mine: list.mine, skip: list.skip });
  },

  'project.show': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    return loadProjectCard(deps, api, turn.ctx, projectId);
  },
  'project.new': async (deps, turn, data) => {
    const { name } = parseCardData(newFormSchema, data, turn.ctx.locale);
    const api = await apiFor(deps, turn);
    return loadProjectForm(api, turn.ctx, { mode: 'create', values: { ...EMPTY_PROJECT_FORM, name } });
  },
  'project.create': (deps, turn, data) => createProjectFromForm(deps, turn, data),
  'project.edit': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    const project = await api.getProject(projectId);
    return loadProjectForm(api, turn.ctx, {
      mode: 'edit',
      projectId,
      values: projectToFormValues(project, turn.ctx.timeZone),
    });
  },
  'project.update': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    const { ctx } = turn;
    const values = projectFormValues(data);
    return submitEditForm(
      ctx,
      () => parseCardData(projectFormSchema, data, ctx.locale),
      (error) => loadProjectForm(api, ctx, { mode: 'edit', projectId, values, error }),
      async (form, html) => {
        const project = await api.updateProject(projectId, toProjectInput(form, ctx.timeZone, html));
        return loadProjectCard(deps, api, ctx, project, { banner: banner(ctx, 'projectUpdated') });
      },
    );
  },
  'project.addMember': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    return loadAddMemberForm(api, turn.ctx, projectId);
  },
  'project.addMember.submit': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    const { ctx } = turn;
    let member;
    try {
      member = parseCardData(memberSchema, data, ctx.locale);
    } catch (error) {
      const raw = (data ?? {}) as Record<string, unknown>;
      const values = {
        contactId: typeof raw.contactId === 'string' ? raw.contactId.slice(0, 40) : '',
        role: typeof raw.role === 'string' ? raw.role.slice(0, 20) : 'team',
      };
      return loadAddMemberForm(api, ctx, projectId, { values, error: errorReason(ctx, error) });
    }
    const contact = await api.getContact(member.contactId.toLowerCase());
    const role = roleValue(member.role);
    await api.addMember(projectId, contact.ContactId, role);
    return loadProjectCard(deps, api, ctx, projectId, {
      banner: banner(ctx, 'memberAdded', { name: contactName(contact), role: roleText(role, ctx.locale) }),
    });
  },
  'project.comment': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    const project = await api.getProject(projectId);
    return commentCard(turn.ctx, { target: 'project', id: projectId, name: projectTitle(project) });
  },
  'project.comment.submit': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    return submitComment(turn, data, {
      target: 'project',
      id: projectId,
      name: async () => projectTitle(await api.getProject(projectId)),
      addNote: (html) => api.addProjectNote(projectId, html),
      showAfter: (added) => loadProjectCard(deps, api, turn.ctx, projectId, { banner: added }),
    });
  },
  'project.archive': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    const project = await api.getProject(projectId);
    return confirmCard(turn.ctx, 'archiveProject', { id: projectId, name: projectTitle(project) });
  },
  'project.archive.confirm': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    const project = await api.archiveProject(projectId);
    return loadProjectCard(deps, api, turn.ctx, project, { banner: banner(turn.ctx, 'projectArchived') });
  },
  'project.delete': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    const project = await api.getProject(projectId);
    return confirmCard(turn.ctx, 'deleteProject', { id: projectId, name: projectTitle(project) });
  },
  'project.delete.confirm': async (deps, turn, data) => {
    const { api, projectId } = await withProject(deps, turn, data);
    const project = await api.getProject(projectId);
    await api.deleteProject(projectId);
    return messageCard(turn.ctx, {
      title: t(turn.ctx.locale, 'projectDeletedTitle'),
      text: t(turn.ctx.locale, 'projectDeletedText', { name: projectTitle(project) }),
      tone: 'good',
      actions: [{ title: t(turn.ctx.locale, 'actionProjects'), verb: 'projects.list', data: {} }],
    });
  },

  'task.show': async (deps, turn, data) => {
    const { api, taskId } = await withTask(deps, turn, data);
    return loadTaskCard(deps, api, turn.ctx, taskId);
  },
  'task.new': async (deps, turn, data) => {
    const { name, projectId } = parseCardData(newFormSchema, data, turn.ctx.locale);
    const api = await apiFor(deps, turn);
    return loadTaskForm(api, turn.ctx, {
      mode: 'create',
      values: { ...EMPTY_TASK_FORM, name, projectId: projectId ?? '' },
    });
  },
  'task.create': async (deps, turn, data) => (await createTaskFromForm(deps, turn, data)).card,
  'task.edit': async (deps, turn, data) => {
    const { api, taskId } = await withTask(deps, turn, data);
    const task = await api.getTask(taskId);
    return loadTaskForm(api, turn.ctx, {
      mode: 'edit',
      taskId,
      values: taskToFormValues(task, turn.ctx.timeZone),
      assigneeName: task.ContactId && task.ContactDisplayName ? task.ContactDisplayName : undefined,
    });
  },
  'task.update': async (deps, turn, data) => {
    const { api, taskId } = await withTask(deps, turn, data);
    const { ctx } = turn;
    const values = taskFormValues(data);
    return submitEditForm(
      ctx,
      () => parseCardData(taskFormSchema, data, ctx.locale),
      (error) => loadTaskForm(api, ctx, { mode: 'edit', taskId, values, error }),
      async (form, html) => {
        const task = await api.updateTask(taskId, toTaskInput(form, ctx.timeZone, html));
        return loadTaskCard(deps, api, ctx, task, { banner: banner(ctx, 'taskUpdated') });
      },
    );
  },
  'task.complete': async (deps, turn, data) => {
    const { api, taskId } = await withTask(deps, turn, data);
    const task = await api.completeTask(taskId);
    return loadTaskCard(deps, api, turn.ctx, task, { banner: banner(turn.ctx, 'taskCompleted') });
  },
  'task.reopen': async (deps, turn, data) => {
    const { api, taskId } = await withTask(deps, turn, data);
    const task = await api.reopenTask(taskId);
    return loadTaskCard(deps, api, turn.ctx, task, { banner: banner(turn.ctx, 'taskReopened') });
  },
  'task.comment': async (deps, turn, data) => {
    const { api, taskId } = await withTask(deps, turn, data);
    const task = await api.getTask(taskId);
    return commentCard(turn.ctx, { target: 'task', id: taskId, name: task.Name ?? '' });
  },
  'task.comment.submit': async (deps, turn, data) => {
    const { api, taskId } = await withTask(deps, turn, data);
    return submitComment(turn, data, {
      target: 'task',
      id: taskId,
      name: async () => (await api.getTask(taskId)).Name ?? '',
      addNote: (html) => api.addTaskNote(taskId, html),
      showAfter: (added) => loadTaskCard(deps, api, turn.ctx, taskId, { banner: added }),
    });
  },
  'task.delete': async (deps, turn, data) => {
    const { api, taskId } = await withTask(deps, turn, data);
    const task = await api.getTask(taskId);
    return confirmCard(turn.ctx, 'deleteTask', { id: taskId, name: task.Name ?? '' });
  },
  'task.delete.confirm': async (deps, turn, data) => {
    const { api, taskId } = await withTask(deps, turn, data);
    const task = await api.getTask(taskId);
    await api.deleteTask(taskId);
    return messageCard(turn.ctx, {
      title: t(turn.ctx.locale, 'taskDeletedTitle'),
      text: t(turn.ctx.locale, 'taskDeletedText', { name: task.Name ?? '' }),
      tone: 'good',
      actions: [{ title: t(turn.ctx.locale, 'actionMyTasks'), verb: 'tasks.list', data: { mine: true } }],
    });
  },
};

/** Verb router of every card action. Never throws: failures become friendly cards. */
export async function runAction(deps: BotDeps, turn: Turn, verb: unknown, data: unknown): Promise<AdaptiveCardJson> {
  if (!isVerb(verb)) {
    return messageCard(turn.ctx, {
      title: t(turn.ctx.locale, 'invalidInputTitle'),
      text: t(turn.ctx.locale, 'unknownAction'),
      tone: 'attention',
    });
  }
  if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) {
    return errorCard(turn.ctx, new BadInputError(t(turn.ctx.locale, 'invalidCardData', { detail: 'data' })), deps.log);
  }
  try {
    return await HANDLERS[verb](deps, turn, data ?? {});
  } catch (error) {
    return errorCard(turn.ctx, error, deps.log);
  }
}

// ---- chat commands -------------------------------------------------------------------------------------------

async function findTask(api: InLooxApi, query: string): Promise<Task | Task[]> {
  const page = await api.listTasks({ search: query, top: PAGE_SIZE });
  const lower = query.toLowerCase();
  const exact = page.items.find((task) => (task.Name ?? '').toLowerCase() === lower);
  if (exact) return exact;
  if (page.items.length === 1) return page.items[0]!;
  return page.items;
}

function notFoundCard(ctx: CardContext, key: 'projectNotFound' | 'taskNotFound', query: string): AdaptiveCardJson {
  return messageCard(ctx, {
    title: t(ctx.locale, 'notFoundTitle'),
    text: t(ctx.locale, key, { text: query.slice(0, 60) }),
    tone: 'warning',
  });
}

/** Answers one chat command with the cards to send. Never throws. */
export async function runCommand(deps: BotDeps, turn: Turn, command: Command): Promise<AdaptiveCardJson[]> {
  const { ctx } = turn;
  try {
    switch (command.kind) {
      case 'help':
        return [helpCard(ctx)];
      case 'greeting': {
        const status = turn.identity ? await deps.connections.status(turn.identity) : undefined;
        return [
          welcomeCard(ctx, { connectedAs: status && !status.needsReconnect ? status.inlooxDisplayName : undefined }),
        ];
      }
      case 'unknown':
        return [helpCard(ctx, { unknownText: command.text, closest: command.closest })];
      case 'connect':
        return [connectCard(ctx)];
      case 'disconnect':
        return [await runAction(deps, turn, 'disconnect', {})];
      case 'projects':
      case 'tasks':
        return [
          await listPage(deps, turn, {
            kind: command.kind,
            search: command.search.slice(0, 200),
            mine: false,
            skip: 0,
          }),
        ];
      case 'myTasks':
        return [await listPage(deps, turn, { kind: 'tasks', search: '', mine: true, skip: 0 })];
      case 'more': {
        const state = deps.memory.get(memoryKey(turn));
        if (!state) return [messageCard(ctx, { title: t(ctx.locale, 'noMore') })];
        return [await listPage(deps, turn, { ...state, skip: state.nextSkip })];
      }
      case 'project': {
        const api = await apiFor(deps, turn);
        const project = await api.findProject(command.query.slice(0, 200));
        if (!project) return [notFoundCard(ctx, 'projectNotFound', command.query)];
        return [await loadProjectCard(deps, api, ctx, project)];
      }
      case 'task': {
        const api = await apiFor(deps, turn);
        const found = await findTask(api, command.query.slice(0, 200));
        if (!Array.isArray(found)) return [await loadTaskCard(deps, api, ctx, found)];
        if (found.length === 0) return [notFoundCard(ctx, 'taskNotFound', command.query)];
        return [taskListCard(ctx, found, { search: command.query })];
      }
      case 'newTask':
        return [await runAction(deps, turn, 'task.new', { name: command.name.slice(0, 255) })];
      case 'newProject':
        return [await runAction(deps, turn, 'project.new', { name: command.name.slice(0, 255) })];
    }
  } catch (error) {
    return [errorCard(ctx, error, deps.log)];
  }
}
