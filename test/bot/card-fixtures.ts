/** Every kind of card the bot sends, filled with realistic data, for validity and rendering tests. */
import {
  EMPTY_PROJECT_FORM,
  EMPTY_TASK_FORM,
  addMemberCard,
  commentCard,
  confirmCard,
  connectCard,
  connectedCard,
  disconnectedCard,
  helpCard,
  messageCard,
  projectCard,
  projectFormCard,
  projectListCard,
  requestCard,
  commentsCard,
  confirmDeleteCommentCard,
  taskCard,
  taskFormCard,
  taskListCard,
  welcomeCard,
  type AdaptiveCardJson,
  type ProjectComment,
} from '../../shared/cards';
import { commandHelp } from '../../bot/registry';
import { customFieldCards } from './card-fixtures-custom-fields';
import { projectFormCards } from './card-fixtures-project-form';
import { t } from '../../shared/cards/strings';
import type { Locale } from '../../shared/i18n';
import type { Project, Task } from '../../shared/inloox/types';
import { notifyCards } from '../notify/card-fixtures';
import { timeCards } from './time-card-fixtures';

export const PROJECT: Project = {
  ProjectId: '11111111-1111-4111-8111-111111111111',
  Name: 'Website relaunch <b>',
  Number: '2026-007',
  Priority: 2,
  StartDate: '2026-03-01T00:00:00Z',
  EndDate: '2026-06-30T00:00:00Z',
  ComputedProgress: 0.4,
  StatusLabel: 'Running',
  ClientName: 'Contoso',
  DescriptionHTML: '<p>Relaunch <b>the</b> site &amp; shop</p>',
  IsFavorite: true,
  Categories: 'IT, Marketing',
};
export const REQUEST: Project = {
  ...PROJECT,
  ProjectId: '55555555-5555-4555-8555-555555555555',
  Name: 'Mobile App Pilot',
  Number: '2026-012',
  IsRequest: true,
  IsArchived: false,
  CreatedByName: 'Olivia Brown',
  CreatedDateTime: '2026-02-20T10:00:00Z',
  ReviewerProjectContact: 'Ben Carter, Jonas Weber',
  DescriptionHTML: '<p>Pilot of a field-service app with <b>two</b> customers.</p>',
};
export const COMMENTS: ProjectComment[] = [
  {
    noteId: '66666666-6666-4666-8666-666666666666',
    author: 'Ben Carter',
    createdAt: '2026-03-04T15:30:00Z',
    text: 'Mockups are approved <b>.',
    mine: true,
  },
  {
    noteId: '77777777-7777-4777-8777-777777777777',
    author: 'Jonas Weber',
    createdAt: '2026-03-03T08:05:00Z',
    text: 'Die Texte kommen am Freitag.',
    mine: false,
  },
];
/** The one-time id of a create form. */
export const FORM_ID = '44444444-4444-4444-8444-444444444444';
export const TASK: Task = {
  TaskItemId: '22222222-2222-4222-8222-222222222222',
  Name: 'Write copy',
  ProjectId: PROJECT.ProjectId,
  ContactDisplayName: 'Megan Bowen',
  StartDateTime: '2026-03-02T08:00:00Z',
  EndDateTime: '2026-03-10T16:00:00Z',
  IsDone: false,
  WorkAmount: 6.5,
  DescriptionHTML: '<p>Hello</p>',
};

export function everyCard(locale: Locale): [string, AdaptiveCardJson][] {
  const ctx = { locale, timeZone: 'Europe/Berlin' };
  const choices = [{ title: 'A', value: PROJECT.ProjectId }];
  return [
    ['welcome', welcomeCard(ctx, { commands: commandHelp(locale, 'welcome') })],
    ['welcome connected', welcomeCard(ctx, { commands: commandHelp(locale, 'welcome'), connectedAs: 'Alex' })],
    ['connect', connectCard(ctx)],
    ['connect error', connectCard(ctx, { error: 'bad' })],
    ['connected', connectedCard(ctx, { DisplayName: 'Alex Wilber' })],
    ['disconnected', disconnectedCard(ctx, true)],
    [
      'message',
      messageCard(ctx, { title: 'T', text: 'x', tone: 'attention', actions: [{ title: 'a', verb: 'help', data: {} }] }),
    ],
    ['help', helpCard(ctx, { commands: commandHelp(locale), unknownText: 'projcts', closest: 'projects' })],
    [
      'projects',
      projectListCard(
        ctx,
        [PROJECT, { ...PROJECT, ProjectId: '33333333-3333-4333-8333-333333333333', Number: null, IsArchived: true }],
        { nextSkip: 8, search: 'web' },
      ),
    ],
    ['projects empty', projectListCard(ctx, [], { search: 'zzz' })],
    ['tasks', taskListCard(ctx, [TASK], { mine: true, nextSkip: 8 })],
    ['tasks search', taskListCard(ctx, [{ ...TASK, IsDone: true }], { search: 'copy', nextSkip: 16 })],
    [
      'task',
      taskCard(ctx, {
        task: TASK,
        projectName: '2026-007 · Website relaunch',
        url: 'https://app.inloox.com/x',
        refresh: true,
      }),
    ],
    [
      'task done',
      taskCard(ctx, {
        task: { ...TASK, IsDone: true, DoneDate: '2026-03-05T00:00:00Z' },
        banner: { text: 'Done', tone: 'good' },
      }),
    ],
    [
      'project',
      projectCard(ctx, {
        project: PROJECT,
        members: [{ ContactRelationId: 'r', ContactId: 'c', DisplayName: 'Alex', Role: 2 }],
        openTasks: [TASK],
        openTaskCount: 9,
        url: 'https://x',
        refresh: true,
      }),
    ],
    [
      'project with comments',
      projectCard(ctx, {
        project: PROJECT,
        url: 'https://x',
        social: {
          comments: COMMENTS,
          moreComments: true,
          followers: ['Ben Carter', 'Emily Clarke'],
          following: true,
        },
      }),
    ],
    ['comments', commentsCard(ctx, { project: PROJECT, comments: COMMENTS, skip: 10, hasMore: true })],
    [
      'confirm delete comment',
      confirmDeleteCommentCard(ctx, { project: PROJECT, noteId: COMMENTS[0]!.noteId, text: COMMENTS[0]!.text }),
    ],
    ['request', requestCard(ctx, { project: REQUEST, url: 'https://x', viewers: ['29:a', '29:b'] })],
    ['request confirm approve', requestCard(ctx, { project: REQUEST, mode: 'confirmApprove' })],
    [
      'request reject form',
      requestCard(ctx, { project: REQUEST, mode: 'reject', reason: 'Budget', error: 'Too long' }),
    ],
    [
      'request approved',
      requestCard(ctx, {
        project: { ...REQUEST, IsRequest: false },
        decidedBy: 'Ben Carter',
      }),
    ],
    [
      'request rejected',
      requestCard(ctx, {
        project: { ...REQUEST, IsArchived: true, LastChangedByName: 'Jonas Weber' },
        banner: { text: 'Already decided', tone: 'warning' },
      }),
    ],
    [
      'task form',
      taskFormCard(ctx, {
        mode: 'create',
        values: { ...EMPTY_TASK_FORM, name: 'N', effort: '3' },
        formId: FORM_ID,
        projectChoices: choices,
        contactChoices: [],
      }),
    ],
    [
      'task form edit',
      taskFormCard(ctx, {
        mode: 'edit',
        taskId: TASK.TaskItemId,
        values: {
          ...EMPTY_TASK_FORM,
          name: 'Write copy',
          start: '2026-03-10',
          end: '2026-03-02',
          effort: '6.5',
          description: 'Product pages, 5 languages',
        },
        projectChoices: [],
        contactChoices: choices,
        error: t(locale, 'formFixErrors', { errors: t(locale, 'errorEndBeforeStart') }),
        sourceUrl: 'https://teams.microsoft.com/l/message/19:abc/1700000000000',
      }),
    ],
    [
      'project form',
      projectFormCard(ctx, { mode: 'create', values: EMPTY_PROJECT_FORM, contactChoices: choices, formId: FORM_ID }),
    ],
    [
      'project form edit',
      projectFormCard(ctx, {
        mode: 'edit',
        projectId: PROJECT.ProjectId,
        values: EMPTY_PROJECT_FORM,
        contactChoices: [],
      }),
    ],
    ['confirm', confirmCard(ctx, 'deleteProject', { id: PROJECT.ProjectId, name: PROJECT.Name })],
    ['confirm task', confirmCard(ctx, 'deleteTask', { id: TASK.TaskItemId, name: TASK.Name ?? '' })],
    ['confirm archive', confirmCard(ctx, 'archiveProject', { id: PROJECT.ProjectId, name: PROJECT.Name })],
    ['add member', addMemberCard(ctx, { project: PROJECT, contactChoices: choices, formId: FORM_ID })],
    ['comment', commentCard(ctx, { target: 'task', id: TASK.TaskItemId, name: 'Write copy', formId: FORM_ID })],
    [
      'comment project',
      commentCard(ctx, { target: 'project', id: PROJECT.ProjectId, name: PROJECT.Name, formId: FORM_ID }),
    ],
    ['task read-only', taskCard(ctx, { task: TASK, readOnly: true })],
    ['project read-only', projectCard(ctx, { project: PROJECT, readOnly: true })],
    ['project archived', projectCard(ctx, { project: { ...PROJECT, IsArchived: true }, refresh: true })],
    ...notifyCards(ctx),
    ...timeCards(locale, FORM_ID),
    ['project not a favorite', projectCard(ctx, { project: { ...PROJECT, IsFavorite: false }, refresh: true })],
    ['favorites', projectListCard(ctx, [PROJECT], { favorites: true, nextSkip: 8 })],
    ['favorites empty', projectListCard(ctx, [], { favorites: true })],
    ...customFieldCards(ctx, PROJECT, TASK),
    ...projectFormCards(ctx, PROJECT),
    [
      'project locked',
      projectCard(ctx, {
        project: { ...PROJECT, IsLocked: true, LockMode: 1, Categories: 'Intern' },
        refresh: true,
        copyFormId: FORM_ID,
      }),
    ],
    ['projects in a category', projectListCard(ctx, [PROJECT], { category: 'Marketing', nextSkip: 8 })],
  ];
}
