/** Custom field cards filled with the demo definitions (every type, sections, rules, read-only fields). */
import {
  customFieldFormCard,
  customFieldsSavedCard,
  projectCard,
  taskCard,
  withCustomFieldSection,
  type AdaptiveCardJson,
  type CardContext,
  type CustomFieldView,
} from '../../shared/cards';
import { MemoryCustomFields } from '../helpers/memory-custom-fields';
import type { Project, Task } from '../../shared/inloox/types';

const fake = new MemoryCustomFields(() => undefined);

export const PROJECT_FIELDS: CustomFieldView = {
  schema: fake.schemas.get('Project')!,
  values: {
    Region: 'EMEA',
    CustomerNumber: null,
    Kickoff: '2026-01-12T09:30:00Z',
    RiskLevel: 'Medium',
    LegacyId: 'WR-88',
    Budget: '25000',
    TeamSize: '12',
    Margin: '18.5',
    CostCentre: '4711',
    ContractSigned: 'true',
    ContractNumber: 'V-2026-017',
    ExtraStaffing: null,
  },
  blocked: ['CostCentre'],
};

export const TASK_FIELDS: CustomFieldView = {
  schema: fake.schemas.get('TaskItem')!,
  values: { Billable: 'true', Category: 'Design', TicketNumber: '311', CustomerDeadline: null, HourlyRate: '95' },
  blocked: [],
};

export function customFieldCards(ctx: CardContext, project: Project, task: Task): [string, AdaptiveCardJson][] {
  const projectTarget = { table: 'Project', id: project.ProjectId, name: project.Name } as const;
  const taskTarget = { table: 'TaskItem', id: task.TaskItemId, name: task.Name ?? '' } as const;
  return [
    [
      'project with custom fields',
      withCustomFieldSection(projectCard(ctx, { project, refresh: true }), ctx, projectTarget, PROJECT_FIELDS),
    ],
    ['task with custom fields', withCustomFieldSection(taskCard(ctx, { task }), ctx, taskTarget, TASK_FIELDS)],
    ['custom fields form', customFieldFormCard(ctx, projectTarget, PROJECT_FIELDS)],
    ['custom fields form error', customFieldFormCard(ctx, taskTarget, TASK_FIELDS, { error: 'Ticket no.: bad' })],
    ['custom fields saved', customFieldsSavedCard(ctx, projectTarget, PROJECT_FIELDS, true)],
  ];
}
