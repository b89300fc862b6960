import { describe, expect, it } from 'vitest';
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
  taskCard,
  taskFormCard,
  taskListCard,
  toSubmitOnly,
  welcomeCard,
  type AdaptiveCardJson,
} from '../../shared/cards';
import { fromDateInput, toDateInput, formatDate } from '../../shared/cards/format';
import { STRINGS } from '../../shared/cards/strings';
import type { Locale } from '../../shared/i18n';
import type { Project, Task } from '../../shared/inloox/types';
import { assertValidCard, checkCard } from '../helpers/cards';

const PROJECT: Project = {
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
};
const TASK: Task = {
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

function everyCard(locale: Locale): [string, AdaptiveCardJson][] {
  const ctx = { locale, timeZone: 'Europe/Berlin' };
  const choices = [{ title: 'A', value: PROJECT.ProjectId }];
  return [
    ['welcome', welcomeCard(ctx)],
    ['welcome connected', welcomeCard(ctx, { connectedAs: 'Alex' })],
    ['connect', connectCard(ctx)],
    ['connect error', connectCard(ctx, { error: 'bad' })],
    ['connected', connectedCard(ctx, { DisplayName: 'Alex Wilber' })],
    ['disconnected', disconnectedCard(ctx, true)],
    [
      'message',
      messageCard(ctx, { title: 'T', text: 'x', tone: 'attention', actions: [{ title: 'a', verb: 'help', data: {} }] }),
    ],
    ['help', helpCard(ctx, { unknownText: 'projcts', closest: 'projects' })],
    ['projects', projectListCard(ctx, [PROJECT, { ...PROJECT, ProjectId: '3', Number: null }], { nextSkip: 8 })],
    ['projects empty', projectListCard(ctx, [], { search: 'zzz' })],
    ['tasks', taskListCard(ctx, [TASK], { mine: true, nextSkip: 8 })],
    ['task', taskCard(ctx, { task: TASK, projectName: 'P', url: 'https://app.inloox.com/x', refresh: true })],
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
      'task form',
      taskFormCard(ctx, {
        mode: 'create',
        values: { ...EMPTY_TASK_FORM, name: 'N', effort: '3' },
        projectChoices: choices,
        contactChoices: [],
      }),
    ],
    [
      'task form edit',
      taskFormCard(ctx, {
        mode: 'edit',
        taskId: TASK.TaskItemId,
        values: EMPTY_TASK_FORM,
        projectChoices: [],
        contactChoices: choices,
        error: 'x',
        sourceUrl: 'https://teams/x',
      }),
    ],
    ['project form', projectFormCard(ctx, { mode: 'create', values: EMPTY_PROJECT_FORM, contactChoices: choices })],
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
    ['add member', addMemberCard(ctx, { project: PROJECT, contactChoices: choices })],
    ['comment', commentCard(ctx, { target: 'task', id: TASK.TaskItemId, name: 'Write copy' })],
  ];
}

describe('card templates', () => {
  for (const locale of ['en', 'de'] as const) {
    it(`renders every card as a valid Adaptive Card 1.5 (${locale})`, async () => {
      for (const [name, card] of everyCard(locale)) {
        await expect(assertValidCard(card), name).resolves.toBeUndefined();
        await expect(assertValidCard(toSubmitOnly(card)), `${name} (submit only)`).resolves.toBeUndefined();
      }
    });
  }

  it('has every string in English and German', () => {
    for (const [key, value] of Object.entries(STRINGS)) {
      expect(value.en, key).toBeTruthy();
      expect(value.de, key).toBeTruthy();
    }
  });

  it('the checker rejects unknown elements, missing labels and too new versions', async () => {
    expect(
      (await checkCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Foo' }] })).problems,
    ).not.toHaveLength(0);
    expect(
      (await checkCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'x' }] })).problems,
    ).not.toHaveLength(0);
    await expect(assertValidCard({ type: 'AdaptiveCard', version: '1.6', body: [] })).rejects.toThrow(/1.6/);
  });

  it('keeps user text literal and shows German dates in the person time zone', () => {
    const project = { ...PROJECT, Name: 'Website relaunch ${x} <b>' };
    const card = JSON.stringify(projectCard({ locale: 'de', timeZone: 'Europe/Berlin' }, { project }));
    expect(card).toContain('Website relaunch ${x} <b>');
    expect(card).toContain('01.03.2026');
    expect(card).toContain('Relaunch the site & shop');
    expect(formatDate('2026-03-01T23:30:00Z', { locale: 'en', timeZone: 'Europe/Berlin' })).toBe('2 Mar 2026');
  });

  it('round-trips calendar dates through the person time zone', () => {
    expect(fromDateInput('2026-03-01', 'Europe/Berlin')).toBe('2026-02-28T23:00:00.000Z');
    expect(fromDateInput('2026-07-01', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
    expect(toDateInput('2026-02-28T23:00:00.000Z', 'Europe/Berlin')).toBe('2026-03-01');
    expect(toDateInput('2026-02-28T23:00:00.000Z', 'Not/AZone')).toBe('2026-02-28');
  });

  it('gives every Execute action a Submit fallback and task forms keep entered values', () => {
    const card = taskFormCard(
      { locale: 'en' },
      { mode: 'create', values: { ...EMPTY_TASK_FORM, name: 'Keep me' }, projectChoices: [], contactChoices: [] },
    );
    const actions = card.actions as Record<string, unknown>[];
    expect(actions[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'task.create',
      fallback: { type: 'Action.Submit', data: { verb: 'task.create' } },
    });
    expect(JSON.stringify(card)).toContain('"value":"Keep me"');
    const submitOnly = JSON.stringify(toSubmitOnly(card));
    expect(submitOnly).not.toContain('Action.Execute');
  });
});
