import { LIMITS } from '../domain/limits';
import type { Contact, Project, ProjectMember, Task, UserInfo } from '../inloox/types';
import { MemberRole } from '../inloox/types';
import type { Locale } from '../i18n';
import { capText, htmlToPlainText } from '../sanitize';
import { formatDate, formatHours, formatPercent, truncate, type CardContext } from './format';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { stringsFor, t } from './strings';
import addMemberTemplate from './templates/add-member.json';
import commentTemplate from './templates/comment.json';
import confirmTemplate from './templates/confirm.json';
import connectTemplate from './templates/connect.json';
import helpTemplate from './templates/help.json';
import listTemplate from './templates/list.json';
import messageTemplate from './templates/message.json';
import projectFormTemplate from './templates/project-form.json';
import projectTemplate from './templates/project.json';
import taskFormTemplate from './templates/task-form.json';
import taskTemplate from './templates/task.json';
import welcomeTemplate from './templates/welcome.json';

export type { AdaptiveCardJson, CardAction } from './render';
export { toSubmitOnly } from './render';
export type { CardContext } from './format';

export type Tone = 'default' | 'good' | 'attention' | 'warning' | 'accent';

export interface Choice {
  title: string;
  value: string;
}

/** Longest texts the forms accept (the domain's limits); the server checks the same limits again. */
export { LIMITS };
/** Value of the "(none)" entry of optional choice lists; the server reads it as "no selection". */
export const NO_CHOICE = 'none';
/** Most entries a list card shows; more come with "More". */
export const PAGE_SIZE = 8;

const action = (title: string, verb: string, data: Record<string, unknown> = {}): CardAction => ({ title, verb, data });

function commandFacts(locale: Locale): Choice[] {
  const s = stringsFor(locale);
  const commands = s.helpCommands.split('|');
  const descriptions = s.helpDescriptions.split('|');
  return commands.map((command, i) => ({ title: command, value: descriptions[i] ?? '' }));
}

export function projectTitle(project: Pick<Project, 'Name' | 'Number'>): string {
  return project.Number ? `${project.Number} · ${project.Name}` : project.Name;
}

export function contactName(contact: Pick<Contact, 'DisplayName' | 'FirstName' | 'LastName' | 'Email'>): string {
  return (
    contact.DisplayName?.trim() ||
    [contact.FirstName, contact.LastName].filter(Boolean).join(' ').trim() ||
    contact.Email ||
    '?'
  );
}

export function projectChoice(project: Project): Choice {
  return { title: truncate(projectTitle(project), 120), value: project.ProjectId };
}

export function contactChoice(contact: Contact): Choice {
  const name = contactName(contact);
  return {
    title: truncate(contact.Email && contact.Email !== name ? `${name} (${contact.Email})` : name, 120),
    value: contact.ContactId,
  };
}

export function priorityText(priority: number | null | undefined, locale: Locale): string {
  return t(locale, priority === 0 ? 'priorityLow' : priority === 2 ? 'priorityHigh' : 'priorityNormal');
}

export const ROLE_VALUES = {
  manager: MemberRole.Manager,
  team: MemberRole.Team,
  partner: MemberRole.Partner,
  customer: MemberRole.Customer,
  other: MemberRole.Additional,
} as const;

export function roleText(role: number, locale: Locale): string {
  switch (role) {
    case MemberRole.Manager:
      return t(locale, 'roleManager');
    case MemberRole.Team:
      return t(locale, 'roleTeam');
    case MemberRole.Partner:
      return t(locale, 'rolePartner');
    case MemberRole.Customer:
      return t(locale, 'roleCustomer');
    default:
      return t(locale, 'roleOther');
  }
}

function facts(entries: [string, string | null | undefined][], locale: Locale): Choice[] {
  return entries.map(([title, value]) => ({ title, value: value ? value : t(locale, 'none') }));
}

// ---- Connecting -------------------------------------------------------------------------------------------

export function welcomeCard(ctx: CardContext, options: { connectedAs?: string } = {}): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const connected = options.connectedAs !== undefined;
  return renderCard(
    welcomeTemplate,
    {
      commands: commandFacts(ctx.locale).slice(0, 8),
      hint: connected
        ? t(ctx.locale, 'welcomeConnectedHint', { name: options.connectedAs ?? '' })
        : s.welcomeConnectHint,
      actions: connected
        ? [
            action(s.actionMyTasks, 'tasks.list', { mine: true }),
            action(s.actionProjects, 'projects.list'),
            action(s.actionNewTask, 'task.new'),
          ]
        : [action(s.actionConnect, 'connect.show'), action(s.actionHelp, 'help')],
    },
    ctx,
  );
}

/** The connect form. `error` says why the last try failed; the entered key is never put back into the card. */
export function connectCard(ctx: CardContext, options: { error?: string } = {}): AdaptiveCardJson {
  return renderCard(connectTemplate, { error: options.error ?? '' }, ctx);
}

export function connectedCard(
  ctx: CardContext,
  user: Pick<UserInfo, 'DisplayName' | 'FirstName' | 'LastName' | 'Email'>,
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  return messageCard(ctx, {
    title: s.connectedTitle,
    text: t(ctx.locale, 'connectedText', { name: contactName(user) }),
    tone: 'good',
    actions: [
      action(s.actionMyTasks, 'tasks.list', { mine: true }),
      action(s.actionProjects, 'projects.list'),
      action(s.actionHelp, 'help'),
    ],
  });
}

export function disconnectedCard(ctx: CardContext, wasConnected: boolean): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  return messageCard(ctx, {
    title: s.disconnectedTitle,
    text: wasConnected ? s.disconnectedText : s.notConnectedBefore,
    tone: 'default',
    actions: [action(s.actionConnect, 'connect.show')],
  });
}

// ---- Generic ------------------------------------------------------------------------------------------------

export interface MessageCardInput {
  title: string;
  text?: string;
  tone?: Tone;
  facts?: Choice[];
  actions?: CardAction[];
}

/** A short titled message: confirmations, errors, notices. */
export function messageCard(ctx: CardContext, input: MessageCardInput): AdaptiveCardJson {
  return renderCard(
    messageTemplate,
    {
      title: input.title,
      text: input.text ?? '',
      style: input.tone ?? 'default',
      facts: input.facts ?? [],
      actions: input.actions ?? [],
    },
    ctx,
  );
}

export function helpCard(ctx: CardContext, options: { unknownText?: string; closest?: string } = {}): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  return renderCard(
    helpTemplate,
    {
      intro:
        options.unknownText !== undefined
          ? t(ctx.locale, 'helpUnknown', { text: truncate(options.unknownText, 60) })
          : '',
      suggestion: options.closest ? t(ctx.locale, 'helpClosest', { command: options.closest }) : '',
      commands: commandFacts(ctx.locale),
      actions: [
        action(s.actionMyTasks, 'tasks.list', { mine: true }),
        action(s.actionProjects, 'projects.list'),
        action(s.actionNewTask, 'task.new'),
      ],
    },
    ctx,
  );
}

// ---- Lists --------------------------------------------------------------------------------------------------

export interface ListPage {
  /** Zero-based offset of the next page, when there is one. */
  nextSkip?: number;
  search?: string;
}

export function projectListCard(ctx: CardContext, projects: Project[], page: ListPage = {}): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const items = projects.map((project) => ({
    title: truncate(projectTitle(project), 150),
    subtitle:
      [formatDate(project.StartDate, ctx), formatDate(project.EndDate, ctx)].filter(Boolean).join(' – ') || s.none,
    badge: project.IsArchived ? s.statusArchived : (project.StatusLabel ?? project.ProjectStatusName ?? ''),
    badgeColor: 'Default',
    verb: 'project.show',
    data: { projectId: project.ProjectId },
  }));
  const actions: CardAction[] = [];
  if (page.nextSkip !== undefined)
    actions.push(action(s.actionMore, 'projects.list', { search: page.search ?? '', skip: page.nextSkip }));
  actions.push(action(s.actionNewProject, 'project.new', { name: '' }));
  return renderCard(
    listTemplate,
    {
      title: page.search ? t(ctx.locale, 'projectsSearchTitle', { text: truncate(page.search, 60) }) : s.projectsTitle,
      empty: s.projectsEmpty,
      items,
      actions,
    },
    ctx,
  );
}

export function taskListCard(
  ctx: CardContext,
  tasks: Task[],
  page: ListPage & { mine?: boolean; projectNames?: Map<string, string> } = {},
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const items = tasks.map((task) => {
    const due = formatDate(task.EndDateTime, ctx);
    const project = task.ProjectId ? page.projectNames?.get(task.ProjectId) : undefined;
    return {
      title: truncate(task.Name || '?', 150),
      subtitle: [project, task.ContactDisplayName].filter(Boolean).join(' · ') || s.none,
      badge: task.IsDone ? s.statusDone : due ? `${s.fieldDue} ${due}` : '',
      badgeColor:
        !task.IsDone && task.EndDateTime && new Date(task.EndDateTime).getTime() < Date.now() ? 'Attention' : 'Default',
      verb: 'task.show',
      data: { taskId: task.TaskItemId },
    };
  });
  const actions: CardAction[] = [];
  if (page.nextSkip !== undefined)
    actions.push(
      action(s.actionMore, 'tasks.list', { search: page.search ?? '', skip: page.nextSkip, mine: !!page.mine }),
    );
  actions.push(action(s.actionNewTask, 'task.new', { name: '' }));
  const title = page.mine
    ? s.myTasksTitle
    : page.search
      ? t(ctx.locale, 'tasksSearchTitle', { text: truncate(page.search, 60) })
      : s.tasksTitle;
  return renderCard(listTemplate, { title, empty: s.tasksEmpty, items, actions }, ctx);
}

// ---- Details --------------------------------------------------------------------------------------------------

export interface Banner {
  text: string;
  tone: Tone;
}

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
  return renderCard(
    taskTemplate,
    {
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
      url: input.url ?? '',
    },
    ctx,
    input.refresh ? { refresh: { verb: 'task.show', data } } : {},
  );
}

export interface ProjectCardInput {
  project: Project;
  members?: ProjectMember[];
  openTasks?: Task[];
  /** Total open tasks when more exist than listed. */
  openTaskCount?: number;
  /** The count is a lower bound (InLoox has at least that many). */
  openTaskCountIsAtLeast?: boolean;
  url?: string;
  banner?: Banner;
  refresh?: boolean;
  readOnly?: boolean;
}

const MAX_MEMBERS_SHOWN = 8;
const MAX_TASKS_SHOWN = 5;

export function projectCard(ctx: CardContext, input: ProjectCardInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const { project } = input;
  const data = { projectId: project.ProjectId };
  const members = input.members ?? [];
  const managers = members
    .filter((member) => member.Role === MemberRole.Manager)
    .map((m) => m.DisplayName || m.Email || '?');
  const manager = managers.length ? managers.join(', ') : (project.FirstManager ?? '');
  const memberText = members
    .slice(0, MAX_MEMBERS_SHOWN)
    .map((member) => `${member.DisplayName || member.Email || '?'} (${roleText(member.Role, ctx.locale)})`)
    .join(', ');
  const memberExtra =
    members.length > MAX_MEMBERS_SHOWN ? ` ${t(ctx.locale, 'andMore', { n: members.length - MAX_MEMBERS_SHOWN })}` : '';
  const openTasks = (input.openTasks ?? []).slice(0, MAX_TASKS_SHOWN);
  const openCount = input.openTaskCount ?? input.openTasks?.length ?? 0;
  const status = project.IsArchived ? s.statusArchived : (project.StatusLabel ?? project.ProjectStatusName ?? '');
  const actions = input.readOnly
    ? [action(s.actionShowProject, 'project.show', data)]
    : [
        action(s.actionAddMember, 'project.addMember', data),
        action(s.actionAddComment, 'project.comment', data),
        action(s.actionEdit, 'project.edit', data),
      ];
  const moreActions = input.readOnly
    ? []
    : [
        action(s.actionNewTask, 'task.new', { projectId: project.ProjectId, name: '' }),
        ...(project.IsArchived ? [] : [action(s.actionArchive, 'project.archive', data)]),
        action(s.actionDelete, 'project.delete', data),
      ];
  return renderCard(
    projectTemplate,
    {
      banner: input.banner?.text ?? '',
      bannerStyle: input.banner?.tone ?? 'default',
      kindLine: project.Number ? `${s.kindProject} ${project.Number}` : s.kindProject,
      name: project.Name,
      statusText: status,
      statusColor: project.IsArchived ? 'Warning' : 'Accent',
      facts: facts(
        [
          [s.fieldStart, formatDate(project.StartDate, ctx)],
          [s.fieldEnd, formatDate(project.EndDate, ctx)],
          [s.fieldProgress, formatPercent(project.ComputedProgress ?? project.PercentComplete, ctx.locale)],
          [s.fieldPriority, priorityText(project.Priority, ctx.locale)],
          [s.fieldManager, manager],
          [s.fieldClient, project.ClientName],
          [s.fieldMembers, memberText ? memberText + memberExtra : ''],
        ],
        ctx.locale,
      ),
      description: project.DescriptionHTML
        ? htmlToPlainText(project.DescriptionHTML, 800)
        : capText(project.DescriptionText ?? '', 800),
      openTasks: openTasks.map((task) => ({
        id: task.TaskItemId,
        name: truncate(task.Name || '?', 120),
        due: formatDate(task.EndDateTime, ctx),
      })),
      moreTasks:
        openCount > openTasks.length
          ? t(ctx.locale, 'andMore', { n: `${openCount - openTasks.length}${input.openTaskCountIsAtLeast ? '+' : ''}` })
          : '',
      actions,
      moreActions,
      url: input.url ?? '',
    },
    ctx,
    input.refresh ? { refresh: { verb: 'project.show', data } } : {},
  );
}

// ---- Forms --------------------------------------------------------------------------------------------------

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

/** Static choices: "(none)" first (also keeps the list non-empty), then the selected entry if the list lacks it. */
function withSelected(choices: Choice[], selected: Choice | undefined, locale: Locale): Choice[] {
  const list =
    !selected || !selected.value || choices.some((choice) => choice.value === selected.value)
      ? choices
      : [selected, ...choices];
  return [{ title: t(locale, 'noneChoice'), value: NO_CHOICE }, ...list];
}

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
}

export function taskFormCard(ctx: CardContext, input: TaskFormInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const create = input.mode === 'create';
  const submitData: Record<string, unknown> = create ? {} : { taskId: input.taskId };
  if (input.sourceUrl) submitData.sourceUrl = input.sourceUrl;
  return renderCard(
    taskFormTemplate,
    {
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
    },
    ctx,
  );
}

export interface ProjectFormValues {
  name: string;
  start: string;
  end: string;
  priority: string;
  clientId: string;
  description: string;
}

export const EMPTY_PROJECT_FORM: ProjectFormValues = {
  name: '',
  start: '',
  end: '',
  priority: '1',
  clientId: '',
  description: '',
};

export interface ProjectFormInput {
  mode: 'create' | 'edit';
  projectId?: string;
  values: ProjectFormValues;
  contactChoices: Choice[];
  selectedClient?: Choice;
  error?: string;
}

export function projectFormCard(ctx: CardContext, input: ProjectFormInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const create = input.mode === 'create';
  return renderCard(
    projectFormTemplate,
    {
      title: create ? s.newProjectTitle : s.editProjectTitle,
      error: input.error ?? '',
      values: input.values,
      priorityChoices: [
        { title: s.priorityLow, value: '0' },
        { title: s.priorityNormal, value: '1' },
        { title: s.priorityHigh, value: '2' },
      ],
      contactChoices: withSelected(input.contactChoices, input.selectedClient, ctx.locale),
      submitTitle: create ? s.actionCreate : s.actionSave,
      submitVerb: create ? 'project.create' : 'project.update',
      submitData: create ? {} : { projectId: input.projectId },
      secondaryActions: create ? [] : [action(s.actionCancel, 'project.show', { projectId: input.projectId })],
    },
    ctx,
  );
}

export type ConfirmKind = 'deleteTask' | 'deleteProject' | 'archiveProject';

export function confirmCard(
  ctx: CardContext,
  kind: ConfirmKind,
  target: { id: string; name: string },
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const name = truncate(target.name, 120);
  const spec = {
    deleteTask: {
      title: s.confirmDeleteTaskTitle,
      text: t(ctx.locale, 'confirmDeleteTaskText', { name }),
      confirmTitle: s.actionConfirmDelete,
      confirmVerb: 'task.delete.confirm',
      cancelVerb: 'task.show',
      data: { taskId: target.id },
    },
    deleteProject: {
      title: s.confirmDeleteProjectTitle,
      text: t(ctx.locale, 'confirmDeleteProjectText', { name }),
      confirmTitle: s.actionConfirmDelete,
      confirmVerb: 'project.delete.confirm',
      cancelVerb: 'project.show',
      data: { projectId: target.id },
    },
    archiveProject: {
      title: s.confirmArchiveProjectTitle,
      text: t(ctx.locale, 'confirmArchiveProjectText', { name }),
      confirmTitle: s.actionConfirmArchive,
      confirmVerb: 'project.archive.confirm',
      cancelVerb: 'project.show',
      data: { projectId: target.id },
    },
  }[kind];
  return renderCard(confirmTemplate, spec, ctx);
}

export interface AddMemberFormInput {
  project: Pick<Project, 'ProjectId' | 'Name' | 'Number'>;
  contactChoices: Choice[];
  values?: { contactId: string; role: string };
  error?: string;
}

export function addMemberCard(ctx: CardContext, input: AddMemberFormInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  return renderCard(
    addMemberTemplate,
    {
      title: t(ctx.locale, 'addMemberTitle', { name: truncate(projectTitle(input.project), 120) }),
      error: input.error ?? '',
      projectId: input.project.ProjectId,
      values: input.values ?? { contactId: '', role: 'team' },
      contactChoices: input.contactChoices.length
        ? input.contactChoices
        : [{ title: t(ctx.locale, 'noneChoice'), value: NO_CHOICE }],
      roleChoices: [
        { title: s.roleManager, value: 'manager' },
        { title: s.roleTeam, value: 'team' },
        { title: s.rolePartner, value: 'partner' },
        { title: s.roleCustomer, value: 'customer' },
        { title: s.roleOther, value: 'other' },
      ],
    },
    ctx,
  );
}

export interface CommentFormInput {
  target: 'task' | 'project';
  id: string;
  name: string;
  values?: { comment: string };
  error?: string;
}

export function commentCard(ctx: CardContext, input: CommentFormInput): AdaptiveCardJson {
  const data = input.target === 'task' ? { taskId: input.id } : { projectId: input.id };
  return renderCard(
    commentTemplate,
    {
      title: t(ctx.locale, 'addCommentTitle', { name: truncate(input.name, 120) }),
      error: input.error ?? '',
      values: input.values ?? { comment: '' },
      submitVerb: `${input.target}.comment.submit`,
      cancelVerb: `${input.target}.show`,
      data,
    },
    ctx,
  );
}
