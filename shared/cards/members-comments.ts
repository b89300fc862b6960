/** The add-member form of a project and the comment form of a task or project. */
import type { Project } from '../inloox/types';
import { NO_CHOICE, projectTitle, type Choice } from './common';
import { truncate, type CardContext } from './format';
import { renderCard, type AdaptiveCardJson } from './render';
import { stringsFor, t } from './strings';
import addMemberTemplate from './templates/add-member.json';
import commentTemplate from './templates/comment.json';
import type { Verb } from './verbs';

export interface AddMemberFormInput {
  project: Pick<Project, 'ProjectId' | 'Name' | 'Number'>;
  contactChoices: Choice[];
  values?: { contactId: string; role: string };
  error?: string;
  /** One-time id of this form: the bot adds the member once, however often the form is sent. */
  formId: string;
}

interface AddMemberTemplateData {
  title: string;
  error: string;
  projectId: string;
  formId: string;
  values: { contactId: string; role: string };
  contactChoices: Choice[];
  roleChoices: Choice[];
}

export function addMemberCard(ctx: CardContext, input: AddMemberFormInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const fill: AddMemberTemplateData = {
    title: t(ctx.locale, 'addMemberTitle', { name: truncate(projectTitle(input.project), 120) }),
    error: input.error ?? '',
    projectId: input.project.ProjectId,
    formId: input.formId,
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
  };
  return renderCard(addMemberTemplate, fill, ctx);
}

export interface CommentFormInput {
  target: 'task' | 'project';
  id: string;
  name: string;
  values?: { comment: string };
  error?: string;
  /** One-time id of this form: the bot adds the comment once, however often the form is sent. */
  formId: string;
}

interface CommentTemplateData {
  title: string;
  error: string;
  values: { comment: string };
  submitVerb: Verb;
  cancelVerb: Verb;
  data: Record<string, string>;
  submitData: Record<string, string>;
}

export function commentCard(ctx: CardContext, input: CommentFormInput): AdaptiveCardJson {
  const onTask = input.target === 'task';
  const data: Record<string, string> = onTask ? { taskId: input.id } : { projectId: input.id };
  const fill: CommentTemplateData = {
    title: t(ctx.locale, 'addCommentTitle', { name: truncate(input.name, 120) }),
    error: input.error ?? '',
    values: input.values ?? { comment: '' },
    submitVerb: onTask ? 'task.comment.submit' : 'project.comment.submit',
    cancelVerb: onTask ? 'task.show' : 'project.show',
    data,
    submitData: { ...data, formId: input.formId },
  };
  return renderCard(commentTemplate, fill, ctx);
}
