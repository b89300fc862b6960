/** The project card and the project form (create and edit). */
import type { Project, ProjectMember, Task } from '../inloox/types';
import { MemberRole } from '../inloox/types';
import { capText, htmlToPlainText } from '../sanitize';
import { action, facts, priorityText, roleText, withSelected, type Banner, type Choice } from './common';
import { formatDate, formatPercent, truncate, type CardContext } from './format';
import { copyAction, favoriteAction, isProjectLocked, projectStateLine } from './project-extras';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { stringsFor, t } from './strings';
import projectFormTemplate from './templates/project-form.json';
import { projectSocialFill, type ProjectSocial } from './project-social';
import {
  categoriesAction,
  originalData,
  projectFormExtrasFill,
  type ProjectFormExtras,
  type ProjectFormExtrasFill,
} from './project-form-extras';
import projectTemplate from './templates/project.json';
import type { Verb } from './verbs';

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
  /** Latest comments and followers (project-social.ts). */
  social?: ProjectSocial;
  /** One-time id of the card's "Duplicate" action. */
  copyFormId?: string;
}

interface ProjectTemplateData extends ReturnType<typeof projectSocialFill> {
  banner: string;
  bannerStyle: string;
  kindLine: string;
  name: string;
  stateLine: string;
  /** Duplicate: its own action set, as the card's action bars are full. */
  toolActions: CardAction[];
  statusText: string;
  statusColor: 'Warning' | 'Accent';
  facts: Choice[];
  description: string;
  openTasks: { id: string; name: string; due: string }[];
  moreTasks: string;
  actions: CardAction[];
  moreActions: CardAction[];
  url: string;
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
  const locked = isProjectLocked(project);
  const actions = input.readOnly
    ? [action(s.actionShowProject, 'project.show', data)]
    : [
        favoriteAction(project, ctx),
        ...(locked ? [] : [action(s.actionAddMember, 'project.addMember', data)]),
        action(s.actionAddComment, 'project.comment', data),
        ...(locked ? [] : [action(s.actionEdit, 'project.edit', data)]),
      ];
  const moreActions = input.readOnly
    ? []
    : [
        action(s.actionNewTask, 'task.new', { projectId: project.ProjectId, name: '' }),
        ...(project.IsArchived || locked ? [] : [action(s.actionArchive, 'project.archive', data)]),
        ...(locked ? [] : [action(s.actionDelete, 'project.delete', data)]),
      ];
  const fill: ProjectTemplateData = {
    banner: input.banner?.text ?? '',
    bannerStyle: input.banner?.tone ?? 'default',
    kindLine: project.Number ? `${s.kindProject} ${project.Number}` : s.kindProject,
    name: project.Name,
    stateLine: projectStateLine(project, ctx),
    toolActions: input.readOnly
      ? []
      : [copyAction(project, ctx, input.copyFormId), ...(locked ? [] : [categoriesAction(project, ctx)])],
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
        [s.fieldCategories, project.Categories ? truncate(project.Categories, 300) : ''],
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
    ...projectSocialFill(ctx, project.ProjectId, input.social, input.readOnly),
  };
  return renderCard(projectTemplate, fill, ctx, input.refresh ? { refresh: { verb: 'project.show', data } } : {});
}

export interface ProjectFormValues {
  name: string;
  start: string;
  end: string;
  priority: string;
  clientId: string;
  description: string;
  numberPrefix: string;
  numberSuffix: string;
  /** Chosen category ids, comma-separated (how a multi-select ChoiceSet sends them). */
  categoryIds: string;
}

export const EMPTY_PROJECT_FORM: ProjectFormValues = {
  name: '',
  start: '',
  end: '',
  priority: '1',
  clientId: '',
  description: '',
  numberPrefix: '',
  numberSuffix: '',
  categoryIds: '',
};

export interface ProjectFormInput {
  mode: 'create' | 'edit';
  projectId?: string;
  values: ProjectFormValues;
  contactChoices: Choice[];
  selectedClient?: Choice;
  error?: string;
  /** A hint above the form that is not an error (e.g. "InLoox suggested a description"). */
  notice?: string;
  /** One-time id of a create form: the bot creates the project once, however often the form is sent. */
  formId?: string;
  /** Number, categories and description suggestion (project-form-extras.ts). */
  extras?: ProjectFormExtras;
}

interface ProjectFormTemplateData {
  title: string;
  error: string;
  notice: string;
  values: ProjectFormValues;
  priorityChoices: Choice[];
  contactChoices: Choice[];
  submitTitle: string;
  submitVerb: Verb;
  submitData: Record<string, unknown>;
  secondaryActions: CardAction[];
  extras: ProjectFormExtrasFill;
}

export function projectFormCard(ctx: CardContext, input: ProjectFormInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const create = input.mode === 'create';
  const submitData = create
    ? input.formId
      ? { formId: input.formId }
      : {}
    : { projectId: input.projectId, ...originalData(input.extras) };
  const fill: ProjectFormTemplateData = {
    title: create ? s.newProjectTitle : s.editProjectTitle,
    error: input.error ?? '',
    notice: input.notice ?? '',
    values: input.values,
    priorityChoices: [
      { title: s.priorityLow, value: '0' },
      { title: s.priorityNormal, value: '1' },
      { title: s.priorityHigh, value: '2' },
    ],
    contactChoices: withSelected(input.contactChoices, input.selectedClient, ctx.locale),
    submitTitle: create ? s.actionCreate : s.actionSave,
    submitVerb: create ? 'project.create' : 'project.update',
    submitData,
    secondaryActions: create ? [] : [action(s.actionCancel, 'project.show', { projectId: input.projectId })],
    extras: projectFormExtrasFill(ctx, input.values, input.extras, create ? undefined : submitData),
  };
  return renderCard(projectFormTemplate, fill, ctx);
}
